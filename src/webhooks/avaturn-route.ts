import { timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { keysOf, sha256 } from '../avaturn/keys.js';
import { BodyError, discardBody, readText, sendJson } from '../http/body.js';
import { route, type Router } from '../http/router.js';
import type { Services } from '../services.js';
import { avaturnWebhookSchema, type AvaturnWebhook } from '../upstreams/avaturn/schemas.js';
import { applyAvaturnEvent, type EventOutcome } from './avaturn-events.js';
import { handleOnce } from './deliveries.js';
import { createSignatureVerifier } from './signature.js';

/** Avaturn's deliveries are a few hundred bytes; anything near this is not one of them. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;
/** An applied signed delivery is recognised by its `webhook-id` this long (senders retry for hours, not days). */
const SIGNED_DELIVERY_MEMORY_MS = 24 * 60 * 60 * 1000;
const KNOWN_EVENTS = new Set(['avatar.ready', 'export.ready', 'render.ready']);

function refuse(res: ServerResponse, status: number, error: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error }, headers);
}

/**
 * `POST /webhooks/avaturn/:token` (flow 2 of DESIGN.md). In order: the path token (404 when
 * wrong, so the URL reveals nothing), the body size (413), the Standard Webhooks signature when
 * AVATURN_WEBHOOK_SECRET is set (401), JSON and shape (400). Then the delivery is applied
 * (confirmed with the API, stored, published) and only then acknowledged. Copies of one delivery
 * are handled one at a time (by `webhook-id` when signed, else by a hash of event and body). A
 * signed delivery that changed state is remembered by its id; an unsigned body is not, since a
 * later legitimate event can read exactly the same (a second failed export), and handling a copy
 * again changes nothing. Unknown avatars and events are acknowledged and ignored; a failure to
 * confirm answers 503 so the sender retries. The token and the secret never appear in answers or
 * logs.
 */
export function mountAvaturnWebhooks(router: Router, services: Services): void {
  const { config, store } = services;
  const logger = services.logger.child({ component: 'avaturn-webhooks' });
  const expected = Buffer.from(sha256(config.avaturn.webhookToken), 'hex');
  const tokenMatches = (token: string | undefined) => timingSafeEqual(Buffer.from(sha256(token ?? ''), 'hex'), expected);
  const verify = config.avaturn.webhookSecret ? createSignatureVerifier(config.avaturn.webhookSecret) : undefined;

  route(router, 'POST', '/webhooks/avaturn/:token', async (req, res, params) => {
    if (!tokenMatches(params.token)) {
      discardBody(req);
      return refuse(res, 404, 'not_found');
    }
    let raw: string;
    try {
      raw = await readText(req, MAX_WEBHOOK_BYTES);
    } catch (err) {
      if (!(err instanceof BodyError)) throw err;
      discardBody(req);
      return refuse(res, err.status, err.status === 413 ? 'payload_too_large' : 'unreadable_body', { connection: 'close' });
    }

    let deliveryKey: string | undefined;
    if (verify) {
      const check = verify(raw, req.headers);
      if (!check.ok) {
        logger.warn({ reason: check.reason }, 'avaturn webhook refused: bad signature');
        return refuse(res, 401, 'invalid_signature');
      }
      deliveryKey = `id:${check.deliveryId}`;
    }

    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return refuse(res, 400, 'malformed_json');
    }
    const name = (json as { event?: unknown } | null)?.event;
    if (typeof name !== 'string') return refuse(res, 400, 'missing_event');
    if (!KNOWN_EVENTS.has(name)) return sendJson(res, 200, { status: 'ignored' });
    const parsed = avaturnWebhookSchema.safeParse(json);
    if (!parsed.success) return refuse(res, 400, 'invalid_payload');
    const event: AvaturnWebhook = parsed.data;
    deliveryKey ??= `sha256:${sha256(`${event.event}\n${raw}`)}`;

    const rememberMs = (result: EventOutcome) => (verify && result === 'applied' ? SIGNED_DELIVERY_MEMORY_MS : 0);
    try {
      const delivery = await handleOnce(store, keysOf(services).delivery(deliveryKey), () => applyAvaturnEvent(services, event), rememberMs);
      if (delivery.status === 'busy') return refuse(res, 503, 'busy', { 'retry-after': '1' });
      const status = delivery.status === 'duplicate' ? 'duplicate' : delivery.result;
      logger.debug({ event: event.event, status }, 'avaturn webhook handled');
      sendJson(res, 200, { status });
    } catch (err) {
      logger.warn({ err, event: event.event }, 'avaturn webhook not applied; the sender will retry');
      refuse(res, 503, 'unavailable', { 'retry-after': '5' });
    }
  });
}
