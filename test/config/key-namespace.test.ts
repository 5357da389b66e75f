import { describe, expect, it } from 'vitest';
import { avaturnKeys } from '../../src/avaturn/keys.js';
import { loadConfig } from '../../src/config/config.js';
import { statusKeys } from '../../src/webhooks/keys.js';

const live = (apiUrl: string, apiKey: string) =>
  loadConfig({ AVATURN_API_URL: apiUrl, AVATURN_API_KEY: apiKey, AVATURN_WEBHOOK_TOKEN: 'webhook-token-0123456789', AUTH_JWT_SECRET: 's'.repeat(32) });

describe('config.avaturn.keyNamespace', () => {
  it('scopes every Avaturn key by the API URL and never by the API key, so a key rotation keeps every mapping', () => {
    const before = live('https://api.avaturn.me', 'old-key-0123456789');
    const rotated = live('https://api.avaturn.me/', 'new-key-9876543210');
    expect(avaturnKeys(rotated).user('app-user')).toBe(avaturnKeys(before).user('app-user'));
    expect(statusKeys(rotated).avatar('A1B2')).toBe(statusKeys(before).avatar('a1b2'));
    const other = live('https://avaturn.example.com', 'old-key-0123456789');
    expect(avaturnKeys(other).user('app-user')).not.toBe(avaturnKeys(before).user('app-user'));
  });

  it('names the keys a running deployment already stored (sha256 of the API URL, 12 hex digits)', () => {
    expect(avaturnKeys(live('https://api.avaturn.me', 'key-0123456789')).user('alice')).toBe('avaturn:8059f16d4738:user:alice');
  });
});
