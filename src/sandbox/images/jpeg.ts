import { encode } from 'jpeg-js';
import { checkSpec, createPattern, type ImageSpec } from './pattern.js';
import { rasterize } from './raster.js';

/** The JPEG format's own limit on each side. */
const MAX_SIDE = 65_535;
const QUALITY = 85;

export function renderJpeg(spec: ImageSpec): Buffer {
  checkSpec(spec, MAX_SIDE);
  const p = createPattern(spec);
  return encode({ width: p.width, height: p.height, data: rasterize(p, 4) }, QUALITY).data;
}
