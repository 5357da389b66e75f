import { imageSize } from 'image-size';

/** The marker that makes a photo count as "no face". */
export const NO_FACE_MARKER = Buffer.from('NO_FACE', 'ascii');
export const MIN_PHOTO_SIDE = 64;
/** Bytes kept from the start of a file for header parsing; JPEG SOF sits after EXIF (< 64 KiB). */
const HEAD_BYTES = 256 * 1024;

export type PhotoVerdict = { ok: true; width: number; height: number } | { ok: false; reason: string };

/**
 * The sandbox's deterministic "no face" rule, applied while the upload streams in (only the
 * head of each file is kept). A photo fails when:
 * - it is not a JPEG or PNG whose header parses (type and dimensions read by `image-size`
 *   from the magic bytes, whatever mime type the client claimed);
 * - its width or height is under 64 px;
 * - its bytes contain the ASCII marker `NO_FACE` anywhere.
 * An avatar is `failed` when any of its three photos fails, `ready` otherwise.
 */
export class PhotoInspector {
  private readonly head: Buffer[] = [];
  private headLength = 0;
  private tail = Buffer.alloc(0);
  private marker = false;

  push(chunk: Buffer): void {
    if (this.headLength < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headLength);
      this.head.push(part);
      this.headLength += part.length;
    }
    if (!this.marker) {
      const seam = Buffer.concat([this.tail, chunk.subarray(0, NO_FACE_MARKER.length - 1)]);
      this.marker = seam.includes(NO_FACE_MARKER) || chunk.includes(NO_FACE_MARKER);
      const joined = chunk.length >= NO_FACE_MARKER.length - 1 ? chunk : Buffer.concat([this.tail, chunk]);
      this.tail = Buffer.from(joined.subarray(Math.max(0, joined.length - (NO_FACE_MARKER.length - 1))));
    }
  }

  verdict(): PhotoVerdict {
    if (this.marker) return { ok: false, reason: 'no face found (NO_FACE marker)' };
    let size: { width: number; height: number; type?: string };
    try {
      size = imageSize(Buffer.concat(this.head));
    } catch {
      return { ok: false, reason: 'not a decodable image' };
    }
    if (size.type !== 'jpg' && size.type !== 'png') return { ok: false, reason: `unsupported image type ${size.type ?? 'unknown'}` };
    if (size.width < MIN_PHOTO_SIDE || size.height < MIN_PHOTO_SIDE) {
      return { ok: false, reason: `image ${size.width}x${size.height} is under ${MIN_PHOTO_SIDE} px` };
    }
    return { ok: true, width: size.width, height: size.height };
  }
}
