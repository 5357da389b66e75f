/**
 * Timers of the simulator (processing, exports, renders), grouped by avatar so deleting an
 * avatar cancels its pending work, and all cancelled by `close()`.
 */
export class Scheduler {
  private readonly timers = new Map<string, Set<NodeJS.Timeout>>();
  private closed = false;

  constructor(private readonly onError: (err: unknown) => void) {}

  after(owner: string, delayMs: number, task: () => void | Promise<void>): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.get(owner)?.delete(timer);
      Promise.resolve()
        .then(task)
        .catch((err: unknown) => this.onError(err));
    }, delayMs);
    let set = this.timers.get(owner);
    if (!set) this.timers.set(owner, (set = new Set()));
    set.add(timer);
  }

  cancel(owner: string): void {
    for (const timer of this.timers.get(owner) ?? []) clearTimeout(timer);
    this.timers.delete(owner);
  }

  close(): void {
    this.closed = true;
    for (const owner of [...this.timers.keys()]) this.cancel(owner);
  }
}
