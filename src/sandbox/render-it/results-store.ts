import { randomUUID } from 'node:crypto';
import { renderApng, renderPng } from '../images/index.js';
import { renderPngFrame } from '../images/png.js';

/** What a result URL shows; bytes are made when the URL is fetched, so W3840 renders cost nothing up front. */
export type ResultImage =
  | { format: 'png'; width: number; height: number; seed: string }
  | { format: 'apng'; width: number; height: number; seed: string; frames: number; fps: number }
  | { format: 'frame'; width: number; height: number; seed: string; index: number; frames: number };

interface Entry {
  image: ResultImage;
  expiresAt: number;
}

/** Past this many live results the oldest are dropped, so a long benchmark cannot grow memory without end. */
const MAX_RESULTS = 100_000;

/** Temporary result URLs: each render stores a small description under a random file name. */
export class ResultsStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** Stores a result and returns its file name (`<uuid>.png`). */
  add(image: ResultImage): string {
    const file = `${randomUUID()}.png`;
    this.entries.set(file, { image, expiresAt: this.now() + this.ttlMs });
    if (this.entries.size > MAX_RESULTS) this.entries.delete(this.entries.keys().next().value!);
    return file;
  }

  /** The bytes of a live result, or undefined when the file is unknown or expired. */
  render(file: string): { bytes: Buffer; expiresAt: number } | undefined {
    const entry = this.entries.get(file);
    if (!entry) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.entries.delete(file);
      return undefined;
    }
    return { bytes: encode(entry.image), expiresAt: entry.expiresAt };
  }

  /** Drops expired results; entries share one TTL and sit in creation order, so it stops early. */
  sweep(): void {
    const now = this.now();
    for (const [file, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(file);
    }
  }
}

function encode(image: ResultImage): Buffer {
  const spec = { width: image.width, height: image.height, seed: image.seed };
  switch (image.format) {
    case 'png':
      return renderPng(spec);
    case 'apng':
      return renderApng({ ...spec, frames: image.frames, fps: image.fps });
    case 'frame':
      return renderPngFrame(spec, image.index, image.frames);
  }
}
