/**
 * Uploads in flight per app user, on this instance (`MAX_CONCURRENT_UPLOADS_PER_USER`). An
 * upload holds a client socket, an Avaturn upload socket and a half-made avatar for as long as
 * the client keeps sending: one user may hold a few at once, not the whole pool. Per instance on
 * purpose: what it protects (sockets, memory) is per instance too, and a crashed instance leaves
 * no count behind.
 */
export class UploadSlots {
  private readonly inUse = new Map<string, number>();

  /** @param perUser uploads one user may have in flight at once; 0 disables the cap. */
  constructor(readonly perUser: number) {}

  /** A release function (call it once), or undefined when the user already has `perUser` uploads in flight. */
  acquire(userId: string): (() => void) | undefined {
    const current = this.inUse.get(userId) ?? 0;
    if (this.perUser > 0 && current >= this.perUser) return undefined;
    this.inUse.set(userId, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inUse.get(userId) ?? 1) - 1;
      if (left > 0) this.inUse.set(userId, left);
      else this.inUse.delete(userId);
    };
  }
}
