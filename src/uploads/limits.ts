/** Photos one `createAvatar` request carries. */
export const MAX_UPLOAD_FILES = 3;
/** Largest `operations` or `map` field of a multipart request; an operation with uploads is small. */
export const MAX_MULTIPART_FIELD_BYTES = 256 * 1024;
/** Part headers and boundaries: a few hundred bytes per part, with room to spare. */
const FRAMING_BYTES = 64 * 1024;

/**
 * The largest multipart request body accepted: every file at the cap plus the two JSON fields.
 * A declared `content-length` above it is refused before a byte is read, and Yoga's own
 * `maxRequestBodySize` is set from it so Yoga never refuses a request we already parsed.
 */
export function multipartBodyLimit(maxPhotoBytes: number): number {
  return MAX_UPLOAD_FILES * maxPhotoBytes + 2 * MAX_MULTIPART_FIELD_BYTES + FRAMING_BYTES;
}
