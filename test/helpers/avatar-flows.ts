import { setTimeout as sleep } from 'node:timers/promises';
import { FormData, request } from 'undici';
import type { TestGateway } from './gateway.js';
import { AvatarQuery, CreateAvatarMutation, StartAvatarUploadMutation } from './documents/avatars.js';
import { sendUpload, type CreatedAvatar, type UploadReply } from './multipart.js';
import { jpeg, png } from './photos.js';

type PhotoData = Buffer | AsyncIterable<Buffer>;

export interface Photos {
  frontal?: PhotoData;
  side1?: PhotoData;
  side2?: PhotoData;
}

/** `createAvatar` as a multipart request over the real port (uploads never go through yoga.fetch). */
export function createAvatarUpload(
  gw: TestGateway,
  token: string,
  photos: Photos = {},
  options: { input?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Promise<UploadReply> {
  return sendUpload(gw.url, {
    document: CreateAvatarMutation,
    variables: { input: { frontal: null, side1: null, side2: null, bodyType: 'FEMALE', ...options.input } },
    files: [
      { path: 'variables.input.frontal', data: photos.frontal ?? jpeg('front') },
      { path: 'variables.input.side1', data: photos.side1 ?? jpeg('side-1') },
      { path: 'variables.input.side2', data: photos.side2 ?? png('side-2') },
    ],
    token,
    headers: options.headers,
  });
}

export function createResult(reply: UploadReply): CreatedAvatar {
  const result = reply.json?.data?.createAvatar;
  if (!result) throw new Error(`createAvatar answered ${reply.status}: ${reply.text}`);
  return result;
}

/** Creates an avatar through the gateway's multipart path and returns its id. */
export async function createAvatar(gw: TestGateway, token: string, photos: Photos = {}): Promise<string> {
  const result = createResult(await createAvatarUpload(gw, token, photos));
  if (!result.avatar) throw new Error(`createAvatar failed: ${JSON.stringify(result)}`);
  return result.avatar.id;
}

/** The browser path: startAvatarUpload in process, then the photos straight to Avaturn's upload URL. */
export async function createAvatarDirect(gw: TestGateway, token: string, photos: { frontal?: Buffer; side1?: Buffer; side2?: Buffer } = {}): Promise<string> {
  const started = await gw.execute(StartAvatarUploadMutation, { input: { bodyType: 'MALE' } }, { token });
  const result = started.data?.startAvatarUpload;
  if (result?.__typename !== 'StartAvatarUploadSuccess') throw new Error(`startAvatarUpload failed: ${JSON.stringify(started)}`);
  const form = new FormData();
  for (const field of result.formFields) form.append(field.name, field.value);
  const files = { frontal: photos.frontal ?? jpeg('df'), side1: photos.side1 ?? jpeg('ds1'), side2: photos.side2 ?? png('ds2') };
  for (const key of ['frontal', 'side1', 'side2'] as const) {
    form.append(result.fileFields[key], new Blob([new Uint8Array(files[key])]), `${key}.jpg`);
  }
  const upload = await request(result.uploadUrl, { method: 'POST', body: form });
  await upload.body.dump();
  if (upload.statusCode !== 200) throw new Error(`direct upload answered ${upload.statusCode}`);
  return result.avatar.id;
}

export async function avatarStatus(gw: TestGateway, token: string, id: string) {
  const result = await gw.execute(AvatarQuery, { id }, { token });
  return result.data?.avatar ?? null;
}

/** Polls the avatar (in process) until `predicate` holds. */
export async function waitForAvatar(
  gw: TestGateway,
  token: string,
  id: string,
  predicate: (a: NonNullable<Awaited<ReturnType<typeof avatarStatus>>>) => boolean,
  timeoutMs = 5_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const avatar = await avatarStatus(gw, token, id);
    if (avatar && predicate(avatar)) return avatar;
    if (Date.now() > deadline) throw new Error(`avatar ${id} never matched; last: ${JSON.stringify(avatar)}`);
    await sleep(20);
  }
}

/** Polls until `check` returns something other than undefined. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 5_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Calls the sandbox made to one API path (e.g. `/api/v1/avatars/new`). */
export function sandboxCalls(gw: TestGateway, method: string, pathEnd: string) {
  return gw.app.sandbox!.avaturn!.calls.filter((c) => c.method === method && c.path.endsWith(pathEnd));
}

/** A READY avatar, made through createAvatar. */
export async function readyAvatar(gw: TestGateway, token: string): Promise<string> {
  const id = await createAvatar(gw, token);
  await waitForAvatar(gw, token, id, (a) => a.status === 'READY');
  return id;
}
