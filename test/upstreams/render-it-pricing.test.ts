import { describe, expect, it } from 'vitest';
import { RENDER_QUALITIES, UNITS_PER_IMAGE, USD_PER_UNIT, costUnits, widthOf } from '../../src/upstreams/render-it/pricing.js';

describe('render-it pricing', () => {
  it('prices every quality linearly in width, 1 unit at W640', () => {
    expect(RENDER_QUALITIES).toHaveLength(12);
    for (const q of RENDER_QUALITIES) expect(UNITS_PER_IMAGE[q]).toBeCloseTo(widthOf(q) / 640, 10);
    expect(UNITS_PER_IMAGE.W240).toBe(0.375);
    expect(UNITS_PER_IMAGE.W3840).toBe(6);
    expect(USD_PER_UNIT).toBe(0.001);
  });

  it('bills images, not calls', () => {
    expect(costUnits('W640', 3)).toBe(3);
    expect(costUnits('W1920', 10 * 3)).toBe(90);
  });
});
