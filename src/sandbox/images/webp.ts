import { checkSpec, createPattern, type ImageSpec } from './pattern.js';
import { rasterize } from './raster.js';

/** The WebP format's own limit on each side. */
const MAX_SIDE = 16_383;

export async function renderWebp(spec: ImageSpec): Promise<Buffer> {
  checkSpec(spec, MAX_SIDE);
  // Loaded on first use so that servers which never make a WebP don't load libvips.
  const { default: sharp } = await import('sharp');
  const p = createPattern(spec);
  return sharp(rasterize(p, 3), { raw: { width: p.width, height: p.height, channels: 3 } })
    .webp({ quality: 80, effort: 0 })
    .toBuffer();
}
