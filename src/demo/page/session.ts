import { byId } from './dom.js';

/** What the gateway tells the page about itself (GET /demo/settings.json, src/demo/demo-routes.ts). */
export interface DemoSettings {
  demoToken: boolean;
  sandboxZepetoLogin: boolean;
  graphiql: boolean;
}

export interface Session {
  token: string;
  userId: string;
  /** When a minted demo token stops working. */
  expiresAt?: string;
}

export async function loadSettings(): Promise<DemoSettings> {
  const response = await fetch('/demo/settings.json');
  if (!response.ok) throw new Error(`settings answered HTTP ${response.status}`);
  return (await response.json()) as DemoSettings;
}

/**
 * A token for the page: in the sandbox the gateway mints one for a fresh demo user; anywhere
 * else (a live gateway with DEMO=1 has no token endpoint) the person pastes their own.
 */
export async function obtainSession(settings: DemoSettings): Promise<Session> {
  if (settings.demoToken) {
    const response = await fetch('/sandbox/demo-token', { method: 'POST' });
    if (!response.ok) throw new Error(`demo-token answered HTTP ${response.status}`);
    const { token, userId, expiresAt } = (await response.json()) as Session;
    return { token, userId, expiresAt };
  }
  const form = byId<HTMLFormElement>('token-form');
  const input = byId<HTMLInputElement>('token-input');
  byId('session').textContent = 'This gateway mints no demo tokens (it is not a sandbox): paste a JWT it accepts.';
  form.hidden = false;
  input.focus();
  return new Promise((resolve) => {
    form.addEventListener('submit', function submit(event) {
      event.preventDefault();
      const token = input.value.trim();
      if (!token) return;
      form.removeEventListener('submit', submit);
      form.hidden = true;
      resolve({ token, userId: subjectOf(token) ?? 'the token’s user' });
    });
  });
}

/** The JWT's `sub`, read without verifying (the gateway verifies; this is only for display). */
function subjectOf(token: string): string | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? sub : undefined;
  } catch {
    return undefined;
  }
}
