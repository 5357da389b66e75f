/** Photos one `createAvatar` request carries; also the most entries a multipart `map` may have. */
export const MAX_UPLOAD_FILES = 3;
/** Largest `operations` field of a multipart request; an operation with uploads is small. */
export const MAX_OPERATIONS_BYTES = 256 * 1024;
/** Largest `map` field: a few short paths. */
export const MAX_MAP_BYTES = 8 * 1024;
/** Tokens `operations.query` may have, as graphql-armor allows for any request (parsed before Yoga sees it). */
export const MAX_QUERY_TOKENS = 5_000;
/** Part headers and boundaries: a few hundred bytes per part, with room to spare. */
const FRAMING_BYTES = 64 * 1024;

/**
 * Largest body Yoga reads itself (JSON and GET requests; 413 past it, before anything is parsed
 * or authenticated). Multipart bodies never reach Yoga: they are parsed and limited before it.
 */
export const MAX_GRAPHQL_BODY_BYTES = 1024 * 1024;

/**
 * The largest multipart request body accepted: every file at the cap plus the two JSON fields.
 * A declared `content-length` above it is refused before a byte is read, a chunked body is cut
 * off once it passes it, and a refused request is read (and dropped) up to it, so the client sees
 * the answer.
 */
export function multipartBodyLimit(maxPhotoBytes: number): number {
  return MAX_UPLOAD_FILES * maxPhotoBytes + MAX_OPERATIONS_BYTES + MAX_MAP_BYTES + FRAMING_BYTES;
}
