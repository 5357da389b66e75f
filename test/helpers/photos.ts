import { renderJpeg, renderPng } from '../../src/sandbox/images/index.js';

/** A real JPEG the sandbox accepts as a face (>= 64 px, no marker). */
export const jpeg = (seed = 'face'): Buffer => renderJpeg({ width: 128, height: 160, seed });
export const png = (seed = 'face'): Buffer => renderPng({ width: 96, height: 96, seed });
/** A valid JPEG carrying the sandbox's NO_FACE marker: processing fails, and Avaturn says nothing. */
export const noFace = (): Buffer => Buffer.concat([jpeg('no-face'), Buffer.from('NO_FACE', 'ascii')]);
/** Not an image at all (a GIF header, so only the magic bytes tell). */
export const notAnImage = (): Buffer => Buffer.from('GIF89a this is not a JPEG or a PNG');

/** A JPEG whose header is valid, padded to `size` bytes after the end of the image (streams in 64 KiB chunks). */
export async function* paddedJpeg(size: number, seed = 'big'): AsyncGenerator<Buffer> {
  const head = jpeg(seed);
  yield head;
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  for (let sent = head.length; sent < size; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, size - sent));
}
