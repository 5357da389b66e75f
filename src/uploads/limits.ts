/** Photos one `createAvatar` request carries. */
export const MAX_UPLOAD_FILES = 3;
/** Largest `operations` or `map` field of a multipart request; an operation with uploads is small. */
export const MAX_MULTIPART_FIELD_BYTES = 256 * 1024;
/** Part headers and boundaries: a few hundred bytes per part, with room to spare. */
const FRAMING_BYTES = 64 * 1024;

/**
 * Largest body Yoga reads itself (JSON and GET requests; 413 past it, before anything is parsed
 * or authenticated). Multipart bodies never reach Yoga: they are parsed and limited before it.
 */
export const MAX_GRAPHQL_BODY_BYTES = 1024 * 1024;

/**
 * The largest multipart request body accepted: every file at the cap plus the two JSON fields.
 * A declared `content-length` above it is refused before a byte is read; a refused request is
 * read (and dropped) up to it, so the client sees the answer, and cut off past it.
 */
export function multipartBodyLimit(maxPhotoBytes: number): number {
  return MAX_UPLOAD_FILES * maxPhotoBytes + 2 * MAX_MULTIPART_FIELD_BYTES + FRAMING_BYTES;
}
