import { decodeGlobalID } from '@pothos/plugin-relay';
import { Webhook } from 'standardwebhooks';
import { request } from 'undici';
import type { AvaturnAvatarRecord } from '../../src/avatars/avatar-record.js';
import type { ChangeEvent, Topics } from '../../src/events/pubsub.js';
import type { TestGateway } from './gateway.js';
import { eventually } from './avatar-flows.js';

export interface Delivery {
  status: number;
  body: string;
}

/** The one answer to every authentic, well-formed delivery, whatever it names or does. */
export const ACCEPTED: Delivery = { status: 200, body: '{"status":"accepted"}' };

/** POSTs a raw body to the gateway's Avaturn webhook route. */
export async function deliver(gw: TestGateway, body: string | object, options: { token?: string; headers?: Record<string, string> } = {}): Promise<Delivery> {
  const token = options.token ?? gw.config.avaturn.webhookToken;
  const res = await request(`${gw.url}/webhooks/avaturn/${encodeURIComponent(token)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.statusCode, body: await res.body.text() };
}

/** Standard Webhooks headers for `body`, as the sandbox (and Avaturn's portal, when set up) sends them. */
export function sign(secret: string, body: string, options: { id?: string; at?: Date } = {}): Record<string, string> {
  const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`;
  const at = options.at ?? new Date();
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

export async function recordOf(gw: TestGateway, globalId: string): Promise<AvaturnAvatarRecord> {
  const record = await gw.services.avatars.get(decodeGlobalID(globalId).id);
  if (record?.provider !== 'AVATURN') throw new Error(`no Avaturn avatar ${globalId}`);
  return record;
}

/** Waits until Avaturn (the sandbox) lists the avatar with `status`. */
export async function upstreamStatus(gw: TestGateway, record: AvaturnAvatarRecord, status: string): Promise<void> {
  await eventually(
    async () => {
      const list = await gw.services.avaturn.listAvatars(record.avaturnUserId, { includeNotReady: true });
      return list.find((a) => a.id === record.avaturnAvatarId)?.status === status ? true : undefined;
    },
    5_000,
    `Avaturn to list ${record.avaturnAvatarId} as ${status}`,
  );
}

/** Every change event published for one record, from the moment it resolves. */
export async function listen(gw: TestGateway, topic: keyof Topics, id: string): Promise<{ events: ChangeEvent[]; stop(): Promise<void> }> {
  const events: ChangeEvent[] = [];
  const iterator = gw.services.events.subscribe(topic, id)[Symbol.asyncIterator]();
  const first = iterator.next();
  await gw.services.events.listening(topic, id);
  const pump = (async () => {
    for (let next = await first; !next.done; next = await iterator.next()) events.push(next.value as ChangeEvent);
  })();
  return {
    events,
    async stop() {
      await iterator.return?.(undefined);
      await pump;
    },
  };
}

export const avatarReadyBody = (record: AvaturnAvatarRecord) => ({
  event: 'avatar.ready',
  avatar_id: record.avaturnAvatarId,
  user_id: record.avaturnUserId,
  status: 'ready',
});
