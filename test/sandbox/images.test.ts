import { imageSize } from 'image-size';
import { decode as decodeJpeg } from 'jpeg-js';
import UPNG from 'upng-js';
import { describe, expect, it } from 'vitest';
import { renderApng, renderJpeg, renderPng, renderWebp } from '../../src/sandbox/images/index.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The chunk types of a PNG in order, and the acTL frame count if there is one. */
function pngChunks(bytes: Buffer): { types: string[]; actlFrames?: number } {
  const types: string[] = [];
  let actlFrames: number | undefined;
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'acTL') actlFrames = bytes.readUInt32BE(at + 8);
    types.push(type);
    at += 12 + length;
  }
  return { types, actlFrames };
}

const toArrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;

describe('sandbox images', () => {
  it('renderPng makes a PNG of the asked size that a PNG decoder reads', () => {
    const png = renderPng({ width: 320, height: 400, seed: 'PO_1|alice' });
    expect(png.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(imageSize(png)).toMatchObject({ type: 'png', width: 320, height: 400 });
    const decoded = UPNG.decode(toArrayBuffer(png));
    expect([decoded.width, decoded.height]).toEqual([320, 400]);
    expect(new Uint8Array(UPNG.toRGBA8(decoded)[0]!).length).toBe(320 * 400 * 4);
    expect(pngChunks(png).actlFrames).toBeUndefined();
  });

  it('is deterministic per seed and differs between seeds', () => {
    const a = renderPng({ width: 64, height: 80, seed: 'a' });
    expect(renderPng({ width: 64, height: 80, seed: 'a' })).toEqual(a);
    expect(renderPng({ width: 64, height: 80, seed: 'b' })).not.toEqual(a);
  });

  it('renderApng makes a real APNG with the asked frame count and delay', () => {
    const apng = renderApng({ width: 240, height: 360, seed: 'PO_A1|alice', frames: 20, fps: 10 });
    expect(apng.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(imageSize(apng)).toMatchObject({ width: 240, height: 360 });
    const { types, actlFrames } = pngChunks(apng);
    expect(actlFrames).toBe(20);
    expect(types.filter((t) => t === 'fcTL')).toHaveLength(20);
    expect(types.filter((t) => t === 'fdAT')).toHaveLength(19);
    expect(types.indexOf('acTL')).toBeLessThan(types.indexOf('IDAT'));

    const decoded = UPNG.decode(toArrayBuffer(apng));
    expect(decoded.frames).toHaveLength(20);
    expect(decoded.frames.every((f) => f.delay === 100)).toBe(true);
    const frames = UPNG.toRGBA8(decoded).map((f) => Buffer.from(f));
    expect(frames).toHaveLength(20);
    expect(frames[1]).not.toEqual(frames[2]);
  });

  it('renderApng accepts a single frame', () => {
    expect(pngChunks(renderApng({ width: 16, height: 16, seed: 's', frames: 1, fps: 1 })).actlFrames).toBe(1);
  });

  it('renderJpeg makes a JPEG of the asked size', () => {
    const jpeg = renderJpeg({ width: 480, height: 270, seed: 'scene' });
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(imageSize(jpeg)).toMatchObject({ type: 'jpg', width: 480, height: 270 });
    expect(decodeJpeg(jpeg)).toMatchObject({ width: 480, height: 270 });
  });

  it('renderWebp makes a WebP of the asked size', async () => {
    const webp = await renderWebp({ width: 300, height: 500, seed: 'scene' });
    expect(webp.toString('latin1', 0, 4)).toBe('RIFF');
    expect(webp.toString('latin1', 8, 12)).toBe('WEBP');
    expect(imageSize(webp)).toMatchObject({ type: 'webp', width: 300, height: 500 });
  });

  it('stays cheap at W3840, even for a 60-frame animation', () => {
    const started = performance.now();
    const png = renderPng({ width: 3840, height: 6827, seed: 'big' });
    const apng = renderApng({ width: 3840, height: 6827, seed: 'big', frames: 60, fps: 15 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(imageSize(png)).toMatchObject({ width: 3840, height: 6827 });
    expect(pngChunks(apng).actlFrames).toBe(60);
    expect(apng.length).toBeLessThan(1024 * 1024);
  });

  it('rejects sizes no encoder can make', async () => {
    expect(() => renderPng({ width: 0, height: 10, seed: 's' })).toThrow(RangeError);
    expect(() => renderJpeg({ width: 10.5, height: 10, seed: 's' })).toThrow(RangeError);
    expect(() => renderApng({ width: 10, height: 10, seed: 's', frames: 0, fps: 10 })).toThrow(RangeError);
    await expect(renderWebp({ width: 20_000, height: 10, seed: 's' })).rejects.toThrow(RangeError);
  });
});
