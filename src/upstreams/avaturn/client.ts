import { z } from 'zod';
import { UpstreamCaller, type UpstreamClientOptions } from '../caller.js';
import type { CallOptions } from '../http.js';
import { AvaturnPhotoUploader, type AvaturnPhotos, type PhotoUploadOptions } from './photo-upload.js';
import {
  avatarListSchema,
  createAvatarResponseSchema,
  createRenderResponseSchema,
  createSessionResponseSchema,
  createUserResponseSchema,
  customizationSchema,
  exportResponseSchema,
  type AvaturnAvatar,
  type AvaturnCustomization,
  type AvaturnExport,
  type AvaturnRenderFormat,
  type AvaturnSessionConfig,
} from './schemas.js';

export interface AvaturnClientOptions extends UpstreamClientOptions {
  /** The pre-signed photo upload, on sockets of its own (see `AvaturnPhotoUploader`). */
  upload?: PhotoUploadOptions;
}

const ignoredBody = z.unknown();
const seg = encodeURIComponent;

/** Typed client of Avaturn's REST API (`/api/v1`). Every answer is validated; every failure is an `UpstreamError`. */
export class AvaturnClient {
  private readonly caller: UpstreamCaller;
  private readonly uploader: AvaturnPhotoUploader;

  constructor(options: AvaturnClientOptions) {
    this.caller = new UpstreamCaller('avaturn', options);
    this.uploader = new AvaturnPhotoUploader(options.upload ?? {}, options.logger);
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

  /** Streams the three photos to the pre-signed `uploadUrl` (see `AvaturnPhotoUploader.upload`). */
  uploadPhotos(uploadUrl: string, photos: AvaturnPhotos, call?: CallOptions): Promise<unknown> {
    return this.uploader.upload(uploadUrl, photos, call);
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
    await this.uploader.close();
  }
}
