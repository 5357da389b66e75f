import { describe, expect, it } from 'vitest';
import { avaturnKeys } from '../../src/avaturn/keys.js';
import { loadConfig } from '../../src/config/config.js';

const base = loadConfig({}).avaturn;
const project = (apiUrl: string, apiKey: string) => avaturnKeys({ ...base, apiUrl, apiKey });

describe('avaturnKeys', () => {
  it('scopes keys by the API URL and never by the API key, so a key rotation keeps every mapping', () => {
    const before = project('https://api.avaturn.me', 'old-key-0123456789');
    const rotated = project('https://api.avaturn.me/', 'new-key-9876543210');
    expect(rotated.user('app-user')).toBe(before.user('app-user'));
    expect(rotated.avatar('A1B2')).toBe(before.avatar('a1b2'));
    const other = project('https://avaturn.example.com', 'old-key-0123456789');
    expect(other.user('app-user')).not.toBe(before.user('app-user'));
  });
});
