import { Agent, type Dispatcher } from 'undici';
import type { Logger } from '../../logging/logger.js';
import { UpstreamBadResponseError } from '../errors.js';
import { DEFAULT_DISPATCHER_OPTIONS, parseResponse, sendRequest, type CallOptions } from '../http.js';
import { createMultipartBody, type FilePart, type PhotoSource } from './multipart.js';
import { uploadResponseSchema } from './schemas.js';

export type PhotoSlot = 'frontal' | 'side1' | 'side2';

/** Avaturn's upload form field of each photo (shared/upstreams/avaturn.md). */
export const PHOTO_FIELDS: Readonly<Record<PhotoSlot, string>> = { frontal: 'image-frontal', side1: 'image-side-1', side2: 'image-side-2' };

/**
 * Sockets per upload origin. Uploads last as long as the client's body takes (minutes on a slow
 * link, up to the idle timeout when it stalls), so they never share the API pool: when these are
 * all busy, the next upload waits for one, and API calls are not affected.
 */
export const UPLOAD_CONNECTIONS = 16;

export interface PhotoUploadOptions {
  /** Dispatcher for the pre-signed upload URLs. @default an `Agent` of its own (UPLOAD_CONNECTIONS sockets per origin), closed by `close()` */
  dispatcher?: Dispatcher;
  /** Time to wait for the upload's answer once the body is sent, in ms. @default 60000 */
  headersTimeout?: number;
}

export type AvaturnPhotos = {
  bodyType: 'male' | 'female';
  /** @default false */
  telephoto?: boolean;
} & (
  | { frontal: PhotoSource; side1: PhotoSource; side2: PhotoSource }
  | {
      /**
       * The three photos as they become available, each slot once. A part's headers are written
       * only when its photo comes, so its type may come from its first bytes, and sources that
       * must be read in an order of their own (one multipart request) are.
       */
      arriving: AsyncIterable<{ slot: PhotoSlot; source: PhotoSource }>;
    }
);

async function* photoParts(photos: AsyncIterable<{ slot: PhotoSlot; source: PhotoSource }>): AsyncGenerator<FilePart> {
  for await (const { slot, source } of photos) yield { name: PHOTO_FIELDS[slot], file: source };
}

const isSuccess = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;

/**
 * The pre-signed photo upload (`upload_url` of `avatars/new`), on sockets of its own: a stalled
 * or slow upload holds one of these, never one the API calls need (in the sandbox the upload URL
 * is on the API's origin, and did share its pool). An `Agent` rather than one `Pool`: the upload
 * origin is only known from Avaturn's answer; the Agent keeps one pool per origin, each capped.
 */
export class AvaturnPhotoUploader {
  private ownedAgent: Agent | undefined;

  constructor(
    private readonly options: PhotoUploadOptions,
    private readonly logger: Logger,
  ) {}

  /**
   * Streams the three photos to `uploadUrl` as multipart/form-data, without an Authorization
   * header. Never retried (the sources are read once). Any 2xx means Avaturn took the photos: its
   * body (JSON or not) is returned as is and never relied on. An error thrown by a source (e.g. a
   * failed magic-bytes check) aborts the upload and is rethrown as is.
   */
  async upload(uploadUrl: string, photos: AvaturnPhotos, call: CallOptions = {}): Promise<unknown> {
    const url = new URL(uploadUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('upload URL must be http(s)');
    const fields = [
      { name: 'body-type', value: photos.bodyType },
      { name: 'telephoto', value: String(photos.telephoto ?? false) },
    ];
    const body =
      'arriving' in photos
        ? createMultipartBody(fields, photoParts(photos.arriving))
        : createMultipartBody([
            ...fields,
            { name: PHOTO_FIELDS.frontal, file: photos.frontal },
            { name: PHOTO_FIELDS.side1, file: photos.side1 },
            { name: PHOTO_FIELDS.side2, file: photos.side2 },
          ]);
    const headers: Record<string, string> = { 'content-type': body.contentType };
    if (body.contentLength !== undefined) headers['content-length'] = String(body.contentLength);
    try {
      const res = await sendRequest({
        upstream: 'avaturn',
        dispatcher: this.dispatcher(),
        method: 'POST',
        url,
        headers,
        stream: body.stream,
        signal: call.signal,
        deadline: call.deadline,
        headersTimeout: this.options.headersTimeout ?? 60_000,
      });
      return parseResponse('avaturn', uploadResponseSchema, res.body, res.status);
    } catch (err) {
      // A 2xx whose body is not JSON (or is large) still says the photos were taken.
      if (err instanceof UpstreamBadResponseError && isSuccess(err.status)) return undefined;
      body.stream.destroy();
      body.dispose();
      const source = body.sourceError();
      if (source) throw source.error;
      this.logger.warn({ upstream: 'avaturn', operation: 'uploadPhotos', err }, 'photo upload failed');
      throw err;
    }
  }

  /** Closes the agent it created itself; an injected dispatcher is the caller's. */
  async close(): Promise<void> {
    await this.ownedAgent?.close();
    this.ownedAgent = undefined;
  }

  private dispatcher(): Dispatcher {
    if (this.options.dispatcher) return this.options.dispatcher;
    this.ownedAgent ??= new Agent({
      connections: UPLOAD_CONNECTIONS,
      connectTimeout: DEFAULT_DISPATCHER_OPTIONS.connectTimeout,
      headersTimeout: this.options.headersTimeout ?? 60_000,
      bodyTimeout: DEFAULT_DISPATCHER_OPTIONS.bodyTimeout,
      keepAliveTimeout: DEFAULT_DISPATCHER_OPTIONS.keepAliveTimeout,
    });
    return this.ownedAgent;
  }
}
