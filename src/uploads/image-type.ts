export type PhotoType = 'jpeg' | 'png';

const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Bytes needed from the start of a file to tell JPEG and PNG apart (the PNG signature). */
export const SNIFF_BYTES = PNG.length;

export const PHOTO_MEDIA_TYPES: Record<PhotoType, string> = { jpeg: 'image/jpeg', png: 'image/png' };

/** JPEG or PNG by magic bytes, whatever name or mime type the client claimed; undefined otherwise. */
export function sniffPhotoType(head: Uint8Array): PhotoType | undefined {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (bytes.length >= JPEG.length && bytes.subarray(0, JPEG.length).equals(JPEG)) return 'jpeg';
  if (bytes.length >= PNG.length && bytes.subarray(0, PNG.length).equals(PNG)) return 'png';
  return undefined;
}
