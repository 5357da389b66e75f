import { createHash } from 'node:crypto';

export interface ImageSpec {
  width: number;
  height: number;
  /** Picks the colours and the number of bands; the same seed always gives the same image. */
  seed: string;
}

/** A run of pixels `[from, to)` of one palette colour. */
export type Run = readonly [from: number, to: number, colour: number];

/**
 * A flat "avatar on a banded backdrop": a few horizontal bands, a figure (head and body) in the
 * middle, and a marker square for animation frames. Every row is at most three runs, so rows are
 * written with `Buffer.fill` and compress to almost nothing: W3840 images cost milliseconds.
 */
export interface Pattern {
  readonly width: number;
  readonly height: number;
  /** RGB triples; index `bands` is the figure, `bands + 1` the marker. */
  readonly palette: ReadonlyArray<readonly [number, number, number]>;
  readonly markerColour: number;
  /** The runs that make up row `y`, left to right, covering the whole width. */
  runs(y: number): Run[];
}

export function checkSpec(spec: ImageSpec, maxSide: number): void {
  for (const [name, v] of [['width', spec.width], ['height', spec.height]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > maxSide) {
      throw new RangeError(`image ${name} must be a whole number in 1..${maxSide}, got ${v}`);
    }
  }
}

export function createPattern(spec: ImageSpec): Pattern {
  const { width: w, height: h } = spec;
  const digest = createHash('sha256').update(spec.seed).digest();
  const bands = 3 + (digest[31]! % 3);
  const palette: Array<[number, number, number]> = [];
  for (let i = 0; i < bands + 2; i++) palette.push([digest[3 * i]!, digest[3 * i + 1]!, digest[3 * i + 2]!]);
  const figure = bands;

  const head = { x0: Math.round(w * 0.42), x1: Math.round(w * 0.58), y0: Math.round(h * 0.15), y1: Math.round(h * 0.32) };
  const body = { x0: Math.round(w * 0.35), x1: Math.round(w * 0.65), y0: Math.round(h * 0.35), y1: Math.round(h * 0.9) };

  return {
    width: w,
    height: h,
    palette,
    markerColour: bands + 1,
    runs(y) {
      const band = Math.min(bands - 1, Math.floor((y * bands) / h));
      const part = y >= head.y0 && y < head.y1 ? head : y >= body.y0 && y < body.y1 ? body : undefined;
      if (!part || part.x0 >= part.x1) return [[0, w, band]];
      return [
        [0, part.x0, band],
        [part.x0, part.x1, figure],
        [part.x1, w, band],
      ];
    },
  };
}

/** Where the marker square sits in frame `index` of `frames`: it sweeps left to right. */
export function markerRect(pattern: Pattern, index: number, frames: number): { x: number; y: number; size: number } {
  const size = Math.max(1, Math.round(Math.min(pattern.width, pattern.height) / 10));
  const travel = pattern.width - size;
  const x = frames <= 1 ? 0 : Math.round((travel * index) / (frames - 1));
  return { x, y: Math.round((pattern.height - size) * 0.05), size };
}
