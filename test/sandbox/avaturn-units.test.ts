import { describe, expect, it } from 'vitest';
import { buildGlb } from '../../src/sandbox/avaturn/glb.js';
import { PhotoInspector } from '../../src/sandbox/avaturn/photo-check.js';
import { renderJpeg, renderPng } from '../../src/sandbox/images/index.js';

function inspect(bytes: Buffer, chunkSize: number) {
  const inspector = new PhotoInspector();
  for (let i = 0; i < bytes.length; i += chunkSize) inspector.push(bytes.subarray(i, i + chunkSize));
  return inspector.verdict();
}

describe('PhotoInspector', () => {
  const jpeg = renderJpeg({ width: 200, height: 300, seed: 'a' });

  it('accepts JPEG and PNG of at least 64 px, read in any chunking', () => {
    expect(inspect(jpeg, 1)).toEqual({ ok: true, width: 200, height: 300 });
    expect(inspect(renderPng({ width: 64, height: 64, seed: 'b' }), 7)).toEqual({ ok: true, width: 64, height: 64 });
  });

  it('finds the NO_FACE marker across chunk boundaries', () => {
    const marked = Buffer.concat([jpeg, Buffer.from('xxNO_FACExx')]);
    for (const size of [1, 2, 3, 5, 8, 4096]) expect(inspect(marked, size).ok, `chunk ${size}`).toBe(false);
  });

  it('rejects other formats, garbage and images under 64 px', () => {
    expect(inspect(Buffer.from('hello world'), 4).ok).toBe(false);
    expect(inspect(renderPng({ width: 200, height: 63, seed: 'c' }), 100).ok).toBe(false);
    expect(inspect(jpeg.subarray(0, 20), 100).ok).toBe(false);
  });
});

describe('buildGlb', () => {
  it('writes a glTF 2.0 binary with a JSON chunk and a BIN chunk of the declared lengths', () => {
    const glb = buildGlb({ avatar_id: 'x', customization_version: 1 });
    expect(glb.subarray(0, 4).toString('ascii')).toBe('glTF');
    expect(glb.readUInt32LE(4)).toBe(2);
    expect(glb.readUInt32LE(8)).toBe(glb.length);
    const jsonLength = glb.readUInt32LE(12);
    expect(glb.readUInt32LE(16)).toBe(0x4e4f534a);
    const json = JSON.parse(glb.subarray(20, 20 + jsonLength).toString('utf8')) as {
      asset: { version: string };
      scenes: unknown[];
      meshes: unknown[];
      buffers: Array<{ byteLength: number }>;
    };
    expect(json.asset.version).toBe('2.0');
    expect(json.scenes).toHaveLength(1);
    expect(json.meshes).toHaveLength(1);
    const binHeader = 20 + jsonLength;
    expect(glb.readUInt32LE(binHeader + 4)).toBe(0x004e4942);
    expect(glb.readUInt32LE(binHeader)).toBe(json.buffers[0]!.byteLength);
    expect(binHeader + 8 + json.buffers[0]!.byteLength).toBe(glb.length);
    expect(jsonLength % 4).toBe(0);
  });
});
