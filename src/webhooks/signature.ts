import type { IncomingHttpHeaders } from 'node:http';
import { Webhook } from 'standardwebhooks';

export type SignatureCheck = { ok: true; deliveryId: string } | { ok: false; reason: string };

const header = (headers: IncomingHttpHeaders, name: string) => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Standard Webhooks verification (`webhook-id`, `webhook-timestamp`, `webhook-signature:
 * v1,<base64 HMAC-SHA256 of "id.timestamp.body">`), timestamps more than 5 minutes off refused.
 * The reason is for logs; the sender only ever sees a bare 401.
 */
export function createSignatureVerifier(secret: string): (raw: string, headers: IncomingHttpHeaders) => SignatureCheck {
  const webhook = new Webhook(secret);
  return (raw, headers) => {
    const id = header(headers, 'webhook-id');
    const timestamp = header(headers, 'webhook-timestamp');
    const signature = header(headers, 'webhook-signature');
    if (!id || !timestamp || !signature) return { ok: false, reason: 'missing signature headers' };
    try {
      webhook.verify(raw, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }, { jsonParse: false });
      return { ok: true, deliveryId: id };
    } catch (err) {
      return { ok: false, reason: (err as Error).message };
    }
  };
}
