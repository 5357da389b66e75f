import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { BodyError, discardBody, readText, sendJson } from '../http/body.js';
import { route, type Router } from '../http/router.js';
import type { Config } from '../config/config.js';
import { avaturnWebhookSchema, type AvaturnWebhook } from '../upstreams/avaturn/schemas.js';
import { applyAvaturnEvent } from './avaturn-events.js';
import { Confirmations } from './confirmations.js';
import { DeliveryLedger } from './deliveries.js';
import type { StatusDeps } from './deps.js';
import { statusKeys } from './keys.js';
import { createSignatureVerifier } from './signature.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Avaturn's deliveries are a few hundred bytes; anything near this is not one of them. */
const MAX_WEBHOOK_BYTES = 256 * 1024;
/**
 * A signed delivery, once handled (whatever it did), is recognised by its `webhook-id` this long:
 * senders retry for hours, not days, and the signature's timestamp check refuses older replays.
 */
const SIGNED_DELIVERY_MEMORY_MS = 24 * 60 * 60 * 1000;
const KNOWN_EVENTS = new Set(['avatar.ready', 'export.ready', 'render.ready']);
/** The one answer to every authentic, well-formed delivery. */
const ACCEPTED = { status: 'accepted' } as const;

function refuse(res: ServerResponse, status: number, error: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error }, headers);
}

/**
 * `POST /webhooks/avaturn/:token` (flow 2 of DESIGN.md). In order: the path token (404 when
 * wrong, so the URL reveals nothing), the body size (413), the Standard Webhooks signature when
 * AVATURN_WEBHOOK_SECRET is set (401), JSON and shape (400). Each of these depends on the request
 * alone. Then the delivery is applied (confirmed with the API, stored, published) and only then
 * acknowledged, with the same 200 whatever it named or did (applied, nothing to change, an
 * unknown avatar or event, a copy): the answer is no oracle of which avatars exist.
 *
 * Copies of one delivery are handled one at a time (by `webhook-id` when signed, else by a hash of
 * event and body), and confirmations are single-flight per avatar and remembered for a moment
 * (confirmations.ts), so N copies cost one or two API calls. A signed delivery is remembered by
 * its id once handled, whatever it did. An unsigned body is not, since a later legitimate event can
 * read exactly the same (a second failed export); handling a copy again changes nothing and
 * costs no call while the confirmation is remembered. The token and the secret never appear in
 * answers or logs.
 *
 * The one other answer to an authentic delivery is 503 + Retry-After, when confirming it with
 * Avaturn failed (or another instance's copy did not finish in time), so that the sender retries:
 * the retry is what makes a delivery survive an outage. This is not the oracle the old
 * `ignored`/`unchanged` answers were: it is decided by Avaturn failing at that moment, which a
 * sender neither chooses nor can provoke through the gateway (copies cannot multiply its calls to
 * Avaturn), not by probing. During an outage it does set apart deliveries that needed a
 * confirmation, as time always does (one Avaturn round trip); hiding that would mean
 * acknowledging before confirming, and losing the retry.
 */
export function mountAvaturnWebhooks(router: Router, services: StatusDeps & { config: Pick<Config, 'avaturn' | 'redisUrl'> }): void {
  const { config, store } = services;
  const logger = services.logger.child({ component: 'avaturn-webhooks' });
  const expected = Buffer.from(sha256(config.avaturn.webhookToken), 'hex');
  const tokenMatches = (token: string | undefined) => timingSafeEqual(Buffer.from(sha256(token ?? ''), 'hex'), expected);
  const verify = config.avaturn.webhookSecret ? createSignatureVerifier(config.avaturn.webhookSecret) : undefined;
  const deliveries = new DeliveryLedger(store);
  const confirmations = new Confirmations(store, config.redisUrl !== undefined);

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
      // The id is the sender's free text: hashed, it makes a key of bounded size.
      deliveryKey = `id:${sha256(check.deliveryId)}`;
    }

    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return refuse(res, 400, 'malformed_json');
    }
    const name = (json as { event?: unknown } | null)?.event;
    if (typeof name !== 'string') return refuse(res, 400, 'missing_event');
    if (!KNOWN_EVENTS.has(name)) {
      logger.debug({ status: 'ignored' }, 'avaturn webhook of an unknown event');
      return sendJson(res, 200, ACCEPTED);
    }
    const parsed = avaturnWebhookSchema.safeParse(json);
    if (!parsed.success) return refuse(res, 400, 'invalid_payload');
    const event: AvaturnWebhook = parsed.data;
    deliveryKey ??= `sha256:${sha256(`${event.event}\n${raw}`)}`;

    try {
      const delivery = await deliveries.handleOnce(
        statusKeys(config).delivery(deliveryKey),
        () => applyAvaturnEvent(services, confirmations, event),
        verify ? SIGNED_DELIVERY_MEMORY_MS : 0,
      );
      if (delivery.status === 'busy') return refuse(res, 503, 'busy', { 'retry-after': '1' });
      logger.debug({ event: event.event, status: delivery.status === 'processed' ? delivery.result : delivery.status }, 'avaturn webhook handled');
      sendJson(res, 200, ACCEPTED);
    } catch (err) {
      logger.warn({ err, event: event.event }, 'avaturn webhook not applied; the sender will retry');
      refuse(res, 503, 'unavailable', { 'retry-after': '5' });
    }
  });
}
