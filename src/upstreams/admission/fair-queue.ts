interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * Fair turns at a shared resource: one FIFO queue per key (a user), the queues served round-robin,
 * and one waiter at a time sent through `admit` (which waits for the resource itself: a free
 * connection, a TPS slot). So a user with 80 calls queued and a user with one alternate: the
 * second waits for at most one turn of each other waiting user, not behind the whole flood.
 *
 * It knows nothing of how `admit` waits, so the same queue sits in front of the in-process and
 * the Redis TPS windows; across instances each process is fair among its own callers.
 */
export class FairQueue<T> {
  /** Keys in round-robin order (a Map keeps insertion order): the first is served next. */
  private readonly queues = new Map<string, Array<Waiter<T>>>();
  private admitting = false;

  constructor(private readonly admit: (signal: AbortSignal | undefined) => Promise<T>) {}

  /** Waits for `key`'s turn, then for `admit`; rejects with the signal's reason if it aborts first. */
  acquire(key: string, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.remove(key, waiter);
          reject(signal!.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      const queue = this.queues.get(key);
      if (queue) queue.push(waiter);
      else this.queues.set(key, [waiter]);
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.admitting) return;
    this.admitting = true;
    try {
      for (let turn = this.next(); turn; turn = this.next()) {
        const { key, waiter } = turn;
        // From here the waiter's abort is `admit`'s business (it gets the signal).
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
        try {
          waiter.resolve(await this.admit(waiter.signal));
        } catch (err) {
          waiter.reject(err);
        }
        // Only now does the key go to the back of the round, so a user who arrived during this
        // admission is served next, not after one more of the user just served.
        const rest = this.queues.get(key);
        if (rest) {
          this.queues.delete(key);
          this.queues.set(key, rest);
        }
      }
    } finally {
      this.admitting = false;
    }
  }

  /** The first waiter of the first key (a key whose queue empties leaves the round). */
  private next(): { key: string; waiter: Waiter<T> } | undefined {
    const first = this.queues.entries().next();
    if (first.done) return undefined;
    const [key, queue] = first.value;
    const waiter = queue.shift()!;
    if (queue.length === 0) this.queues.delete(key);
    return { key, waiter };
  }

  private remove(key: string, waiter: Waiter<T>): void {
    const queue = this.queues.get(key);
    const index = queue?.indexOf(waiter) ?? -1;
    if (index < 0) return;
    queue!.splice(index, 1);
    if (queue!.length === 0) this.queues.delete(key);
  }
}
