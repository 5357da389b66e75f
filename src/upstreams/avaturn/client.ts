import { Agent, type Dispatcher } from 'undici';
import { z } from 'zod';
import { UpstreamCaller, type UpstreamClientOptions } from '../caller.js';
import { UpstreamBadResponseError } from '../errors.js';
import { DEFAULT_DISPATCHER_OPTIONS, parseResponse, sendRequest, type CallOptions } from '../http.js';
import { createMultipartBody, type FilePart, type PhotoSource } from './multipart.js';
import {
  avatarListSchema,
  createAvatarResponseSchema,
  createRenderResponseSchema,
  createSessionResponseSchema,
  createUserResponseSchema,
  customizationSchema,
  exportResponseSchema,
  uploadResponseSchema,
  type AvaturnAvatar,
  type AvaturnCustomization,
  type AvaturnExport,
  type AvaturnRenderFormat,
  type AvaturnSessionConfig,
} from './schemas.js';

export type { PhotoSource } from './multipart.js';

export interface AvaturnClientOptions extends UpstreamClientOptions {
  upload?: {
    /** Dispatcher for pre-signed upload URLs on another origin than `baseUrl`. @default an `Agent` owned by the client, closed by `close()` */
    dispatcher?: Dispatcher;
    /** Time to wait for the upload's answer once the body is sent, in ms. @default 60000 */
    headersTimeout?: number;
  };
}

export type PhotoSlot = 'frontal' | 'side1' | 'side2';

/** Avaturn's upload form field of each photo (shared/upstreams/avaturn.md). */
export const PHOTO_FIELDS: Readonly<Record<PhotoSlot, string>> = { frontal: 'image-frontal', side1: 'image-side-1', side2: 'image-side-2' };

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

const ignoredBody = z.unknown();
const seg = encodeURIComponent;

/** Typed client of Avaturn's REST API (`/api/v1`). Every answer is validated; every failure is an `UpstreamError`. */
export class AvaturnClient {
  private readonly caller: UpstreamCaller;
  private ownedUploadAgent: Agent | undefined;

  constructor(private readonly options: AvaturnClientOptions) {
    this.caller = new UpstreamCaller('avaturn', options);
  }

  async createUser(call?: CallOptions): Promise<{ userId: string }> {
    const res = await this.caller.json(
      { operation: 'createUser', method: 'POST', path: 'api/v1/users/new', idempotent: false, schema: createUserResponseSchema },
      call,
    );
    return { userId: res.id };
  }

  /** Deletes the user and all its data. */
  async deleteUser(userId: string, call?: CallOptions): Promise<void> {
    await this.caller.json(
      { operation: 'deleteUser', method: 'DELETE', path: `api/v1/users/${seg(userId)}`, idempotent: true, schema: ignoredBody },
      call,
    );
  }

  /** A short-lived editor URL (iframe/webview), one per use. */
  async createSession(userId: string, config?: AvaturnSessionConfig, call?: CallOptions): Promise<{ url: string; sessionId: string }> {
    return this.caller.json(
      {
        operation: 'createSession',
        method: 'POST',
        path: 'api/v1/sessions/new',
        json: { user_id: userId, ...(config ? { config } : {}) },
        idempotent: false,
        schema: createSessionResponseSchema,
      },
      call,
    );
  }

  /** Creates an avatar awaiting photos; upload them to `uploadUrl` with `uploadPhotos`. */
  async createAvatar(userId: string, call?: CallOptions): Promise<{ avatarId: string; uploadUrl: string }> {
    return this.caller.json(
      {
        operation: 'createAvatar',
        method: 'POST',
        path: 'api/v1/avatars/new',
        json: { user_id: userId },
        idempotent: false,
        schema: createAvatarResponseSchema,
      },
      call,
    );
  }

  /**
   * Streams the three photos to the pre-signed `uploadUrl` as multipart/form-data, without an
   * Authorization header. Never retried (the sources are read once). Any 2xx means Avaturn took
   * the photos: its body (JSON or not) is returned as is and never relied on. An error thrown by
   * a source (e.g. a failed magic-bytes check) aborts the upload and is rethrown as is.
   */
  async uploadPhotos(uploadUrl: string, photos: AvaturnPhotos, call: CallOptions = {}): Promise<unknown> {
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
        dispatcher: this.uploadDispatcher(url),
        method: 'POST',
        url,
        headers,
        stream: body.stream,
        signal: call.signal,
        deadline: call.deadline,
        headersTimeout: this.options.upload?.headersTimeout ?? 60_000,
      });
      return parseResponse('avaturn', uploadResponseSchema, res.body, res.status);
    } catch (err) {
      // A 2xx whose body is not JSON (or is large) still says the photos were taken.
      if (err instanceof UpstreamBadResponseError && isSuccess(err.status)) return undefined;
      body.stream.destroy();
      body.dispose();
      const source = body.sourceError();
      if (source) throw source.error;
      this.options.logger.warn({ upstream: 'avaturn', operation: 'uploadPhotos', err }, 'photo upload failed');
      throw err;
    }
  }

  /** Avatars of a user; only `ready` ones unless `includeNotReady`. */
  async listAvatars(userId: string, options: { includeNotReady?: boolean } & CallOptions = {}): Promise<AvaturnAvatar[]> {
    const { includeNotReady, ...call } = options;
    return this.caller.json(
      {
        operation: 'listAvatars',
        method: 'GET',
        path: `api/v1/users/${seg(userId)}/avatars`,
        query: { include_not_ready: includeNotReady ? 'true' : undefined },
        idempotent: true,
        schema: avatarListSchema,
      },
      call,
    );
  }

  async deleteAvatar(userId: string, avatarId: string, call?: CallOptions): Promise<void> {
    await this.caller.json(
      {
        operation: 'deleteAvatar',
        method: 'DELETE',
        path: `api/v1/users/${seg(userId)}/avatars/${seg(avatarId)}`,
        idempotent: true,
        schema: ignoredBody,
      },
      call,
    );
  }

  async getCustomization(avatarId: string, call?: CallOptions): Promise<AvaturnCustomization> {
    return this.caller.json(
      {
        operation: 'getCustomization',
        method: 'GET',
        path: `api/v1/avatars/${seg(avatarId)}/customization`,
        idempotent: true,
        schema: customizationSchema,
      },
      call,
    );
  }

  /** Accepted (202); 409 for an asset in the wrong slot, 410 for unknown asset ids. */
  async putCustomization(avatarId: string, customization: AvaturnCustomization, call?: CallOptions): Promise<void> {
    await this.caller.json(
      {
        operation: 'putCustomization',
        method: 'PUT',
        path: `api/v1/avatars/${seg(avatarId)}/customization`,
        json: customization,
        idempotent: true,
        schema: ignoredBody,
      },
      call,
    );
  }

  /** `ready` with a temporary URL (download, never store) or `pending` until `export.ready`. */
  async createExport(avatarId: string, call?: CallOptions): Promise<AvaturnExport> {
    return this.caller.json(
      {
        operation: 'createExport',
        method: 'POST',
        path: 'api/v1/exports/new',
        query: { avatar_id: avatarId },
        idempotent: false,
        schema: exportResponseSchema,
      },
      call,
    );
  }

  /** Starts a render; `render.ready` follows. */
  async createRender(
    avatarId: string,
    scene: string,
    format: AvaturnRenderFormat,
    call?: CallOptions,
  ): Promise<{ id: string; status: string; renderUrl: string | null }> {
    return this.caller.json(
      {
        operation: 'createRender',
        method: 'POST',
        path: 'api/v1/renders/new',
        query: { avatar_id: avatarId, scene, format },
        idempotent: false,
        schema: createRenderResponseSchema,
      },
      call,
    );
  }

  /** Closes what the client created itself (the upload agent); injected dispatchers are the caller's. */
  async close(): Promise<void> {
    await this.ownedUploadAgent?.close();
    this.ownedUploadAgent = undefined;
  }

  private uploadDispatcher(url: URL): Dispatcher {
    if (url.origin === new URL(this.options.baseUrl).origin) return this.options.dispatcher;
    if (this.options.upload?.dispatcher) return this.options.upload.dispatcher;
    this.ownedUploadAgent ??= new Agent({
      connections: 4,
      connectTimeout: DEFAULT_DISPATCHER_OPTIONS.connectTimeout,
      headersTimeout: 60_000,
      bodyTimeout: DEFAULT_DISPATCHER_OPTIONS.bodyTimeout,
    });
    return this.ownedUploadAgent;
  }
}
