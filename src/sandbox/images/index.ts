/**
 * Deterministic, real image bytes for the sandbox simulators: a flat banded picture chosen by
 * `seed`, cheap at any quality the upstreams offer. Shared by the Render-it and Avaturn sandboxes.
 */
export type { ImageSpec } from './pattern.js';
export { renderPng, renderApng } from './png.js';
export { renderJpeg } from './jpeg.js';
export { renderWebp } from './webp.js';
