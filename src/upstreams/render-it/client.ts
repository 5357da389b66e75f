import { UpstreamCaller, type CallerOptions, type CallSpec, type UpstreamClientOptions } from '../caller.js';
import { UpstreamBadResponseError } from '../errors.js';
import { parseResponse, type UpstreamResponse } from '../http.js';
import type { RenderQuality } from './pricing.js';
import {
  animatedImageResponseSchema,
  authStartResponseSchema,
  authStatusResponseSchema,
  framesResponseSchema,
  locationSchema,
  multiImageResponseSchema,
  singleImageResponseSchema,
  type RenderItAuthStatus,
} from './schemas.js';

export type RenderItClientOptions = UpstreamClientOptions;

interface RenderBase {
  quality: RenderQuality;
  /** ZEPETO ids (1..8), shown together in one image. */
  targets: readonly string[];
}

export interface SingleRenderRequest extends RenderBase {
  poseId: string;
  /** Ask for a 302 to the image and read its `Location` (never followed). @default false */
  redirect?: boolean;
}

export interface MultiRenderRequest extends RenderBase {
  /** 1..10 poses; one image each. */
  poseIds: readonly string[];
}

export interface AnimatedRenderRequest extends RenderBase {
  poseId: string;
  /** 1..15 */
  fps: number;
  /** @default false */
  redirect?: boolean;
}

export type FramesRenderRequest = Omit<AnimatedRenderRequest, 'redirect'>;

const RENDER_BASE = 'services/biz/openApi';
const seg = encodeURIComponent;
const targetsBody = (targets: readonly string[]) => targets.map((zepetoId) => ({ zepetoId }));

/**
 * Typed client of ZEPETO Render-it. Render calls are idempotent in effect (the same image again),
 * so they are retried on 408/429/5xx; the limiter is acquired before every attempt, in fair turns
 * between the users named in the call options.
 */
export class RenderItClient {
  private readonly caller: UpstreamCaller;

  constructor(options: RenderItClientOptions) {
    this.caller = new UpstreamCaller('render-it', options);
  }

  async renderSingle(req: SingleRenderRequest, call?: CallerOptions): Promise<{ url: string }> {
    const redirect = req.redirect ?? false;
    const spec = this.post('renderSingle', `${RENDER_BASE}/photos/${seg(req.poseId)}`, { targets: targetsBody(req.targets) }, {
      quality: req.quality,
      redirect: String(redirect),
    });
    const res = await this.caller.send({ ...spec, allowRedirect: redirect }, call);
    if (isRedirect(res)) return { url: this.location(res, spec) };
    return parseResponse('render-it', singleImageResponseSchema, res.body, res.status);
  }

  /** One image per pose; the answer is checked to hold exactly the requested poses, in order. */
  async renderMulti(req: MultiRenderRequest, call?: CallerOptions): Promise<{ images: { poseId: string; url: string }[] }> {
    const spec = this.post(
      'renderMulti',
      `${RENDER_BASE}/photos`,
      { poseIds: req.poseIds, targets: targetsBody(req.targets) },
      { quality: req.quality },
    );
    const res = await this.caller.json({ ...spec, schema: multiImageResponseSchema }, call);
    const inOrder =
      res.images.length === req.poseIds.length && res.images.every((image, i) => image.poseId === req.poseIds[i]);
    if (!inOrder) throw new UpstreamBadResponseError('render-it', 'mismatch', { status: 200 });
    return res;
  }

  /** One APNG; with `redirect` the frame count is unknown to the upstream answer and reported as undefined. */
  async renderAnimated(req: AnimatedRenderRequest, call?: CallerOptions): Promise<{ url: string; frameCount: number | undefined }> {
    const redirect = req.redirect ?? false;
    const spec = this.post('renderAnimated', `${RENDER_BASE}/video/${seg(req.poseId)}`, { fps: req.fps, targets: targetsBody(req.targets) }, {
      quality: req.quality,
      redirect: String(redirect),
    });
    const res = await this.caller.send({ ...spec, allowRedirect: redirect }, call);
    if (isRedirect(res)) return { url: this.location(res, spec), frameCount: undefined };
    return parseResponse('render-it', animatedImageResponseSchema, res.body, res.status);
  }

  /** One PNG per frame. */
  async renderFrames(req: FramesRenderRequest, call?: CallerOptions): Promise<{ frames: string[] }> {
    const spec = this.post(
      'renderFrames',
      `${RENDER_BASE}/video/${seg(req.poseId)}/frames`,
      { fps: req.fps, targets: targetsBody(req.targets) },
      { quality: req.quality },
    );
    return this.caller.json({ ...spec, schema: framesResponseSchema }, call);
  }

  /** Starts a ZEPETO QR login (valid 60 s). Not idempotent: only a 429 is retried. */
  async startAuth(call?: CallerOptions): Promise<{ url: string; sessionId: string }> {
    const spec = this.post('startAuth', 'services/biz/characters/auth', undefined, undefined);
    return this.caller.json({ ...spec, idempotent: false, schema: authStartResponseSchema }, call);
  }

  async getAuth(sessionId: string, call?: CallerOptions): Promise<RenderItAuthStatus> {
    return this.caller.json(
      {
        operation: 'getAuth',
        method: 'GET',
        path: `services/biz/characters/auth/${seg(sessionId)}`,
        idempotent: true,
        schema: authStatusResponseSchema,
      },
      call,
    );
  }

  /** Render-it answers 415 to anything but JSON, so every POST says so, with or without a body. */
  private post(operation: string, path: string, json: unknown, query: Record<string, string> | undefined): CallSpec {
    return {
      operation,
      method: 'POST',
      path,
      query,
      json,
      headers: { 'content-type': 'application/json' },
      idempotent: true,
    };
  }

  private location(res: UpstreamResponse, spec: CallSpec): string {
    const raw = res.headers.location;
    const location = Array.isArray(raw) ? raw[0] : raw;
    if (location === undefined) throw new UpstreamBadResponseError('render-it', 'invalid-shape', { status: res.status });
    const absolute = URL.canParse(location, this.caller.url(spec.path).href)
      ? new URL(location, this.caller.url(spec.path)).href
      : location;
    return parseResponse('render-it', locationSchema, absolute, res.status);
  }
}

const isRedirect = (res: UpstreamResponse): boolean => res.status >= 300 && res.status < 400;
