import { randomUUID } from 'node:crypto';

export type AuthStatus = 'PENDING' | 'CONNECTED' | 'EXPIRED';

export interface AuthSessionView {
  sessionId: string;
  status: AuthStatus;
  zepetoIds: string[];
}

interface Session {
  id: string;
  expiresAt: number;
  zepetoIds?: string[];
}

/** How long a finished (connected or expired) session can still be polled before it is forgotten. */
const RETAIN_MS = 10 * 60_000;

/**
 * QR login sessions of `POST /services/biz/characters/auth`. A session is PENDING until the
 * sandbox-only complete route connects it, and EXPIRED if that does not happen within the TTL.
 */
export class AuthSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  create(): AuthSessionView {
    this.sweep();
    const session: Session = { id: randomUUID(), expiresAt: this.now() + this.ttlMs };
    this.sessions.set(session.id, session);
    return this.view(session);
  }

  get(id: string): AuthSessionView | undefined {
    const session = this.sessions.get(id);
    return session && this.view(session);
  }

  /**
   * Connects a pending session. Completing an already connected session changes nothing and
   * answers its state again, so a double click in the demo is harmless.
   */
  complete(id: string, zepetoIds: string[]): AuthSessionView | 'unknown' | 'expired' {
    const session = this.sessions.get(id);
    if (!session) return 'unknown';
    const current = this.view(session);
    if (current.status === 'EXPIRED') return 'expired';
    if (current.status === 'PENDING') session.zepetoIds = [...zepetoIds];
    return this.view(session);
  }

  pendingCount(): number {
    return [...this.sessions.values()].filter((s) => this.view(s).status === 'PENDING').length;
  }

  /** Forgets sessions finished long ago; sessions are kept in creation order, so it stops early. */
  sweep(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) {
      if (s.expiresAt + RETAIN_MS > now) break;
      this.sessions.delete(id);
    }
  }

  private view(s: Session): AuthSessionView {
    if (s.zepetoIds) return { sessionId: s.id, status: 'CONNECTED', zepetoIds: [...s.zepetoIds] };
    return { sessionId: s.id, status: this.now() >= s.expiresAt ? 'EXPIRED' : 'PENDING', zepetoIds: [] };
  }
}
