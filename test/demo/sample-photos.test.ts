import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLE_VIEWS, renderSamplePhoto, type SampleView } from '../../scripts/sample-photos.js';
import { SAMPLE_PHOTOS_DIR } from '../../src/demo/demo-routes.js';
import { PhotoInspector } from '../../src/sandbox/avaturn/photo-check.js';

describe('samples/photos', () => {
  it.each(Object.keys(SAMPLE_VIEWS) as SampleView[])('%s.jpg passes the sandbox face rule, is small, and is what the script draws', (view) => {
    const bytes = readFileSync(`${SAMPLE_PHOTOS_DIR}${view}.jpg`);
    const inspector = new PhotoInspector();
    inspector.push(bytes);
    expect(inspector.verdict()).toEqual({ ok: true, width: 512, height: 512 });
    expect(bytes.length).toBeLessThan(20 * 1024);
    expect(bytes.equals(renderSamplePhoto(view)), `samples/photos/${view}.jpg differs: run npx tsx scripts/make-sample-photos.ts`).toBe(true);
  });
});
