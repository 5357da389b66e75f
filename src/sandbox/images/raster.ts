import type { Pattern } from './pattern.js';

/**
 * Expands a pattern into interleaved pixels (`channels` 3 = RGB, 4 = RGBA) for encoders that
 * take raw pixels. Rows are run fills, so even W3840 takes tens of milliseconds.
 */
export function rasterize(p: Pattern, channels: 3 | 4): Buffer {
  const colours = p.palette.map(([r, g, b]) => Buffer.from(channels === 4 ? [r, g, b, 255] : [r, g, b]));
  const stride = p.width * channels;
  const out = Buffer.allocUnsafe(stride * p.height);
  for (let y = 0; y < p.height; y++) {
    const row = y * stride;
    for (const [from, to, colour] of p.runs(y)) {
      if (to > from) out.fill(colours[colour]!, row + from * channels, row + to * channels);
    }
  }
  return out;
}
