import { Repeater } from '@repeaterjs/repeater';
import type { ChangeEvent, Topics } from './pubsub.js';

type ChangeTopic = keyof Topics;

/** What a live record listens with: the event bus (`pubsub.ts`) is one. */
interface ChangeFeed {
  subscribe(topic: ChangeTopic, id: string): AsyncIterableIterator<ChangeEvent>;
  listening(topic: ChangeTopic, id: string): Promise<void>;
}

export interface LiveRecordOptions<R extends { version: number }> {
  events: ChangeFeed;
  topic: ChangeTopic;
  id: string;
  /** Reads the record (owner-scoped); undefined ends the stream. */
  load: () => Promise<R | undefined>;
  /** A record that can no longer change: the stream ends right after yielding it. */
  isFinal?: (record: R) => boolean;
  /**
   * Milliseconds after which the record should be read again even without an event, for
   * state that changes by time passing (a login that expires while its poller is gone).
   */
  recheckAfterMs?: (record: R) => number | undefined;
}

/**
 * The subscription pattern every `*Updated(id)` field uses: listen first, then read and yield
 * the current state, then yield each newer version only. A change that happened before the
 * client subscribed is therefore not lost, a repeated or late event never goes backwards, and a
 * deletion ends the stream. It is a Repeater, not an async generator, so a client that leaves
 * releases its listener at once instead of at the record's next change.
 */
export function liveRecord<R extends { version: number }>(options: LiveRecordOptions<R>): AsyncIterableIterator<R> {
  return new Repeater<R>(async (push, stop) => {
    const events = options.events.subscribe(options.topic, options.id);
    // Starting the iterator registers the listener now, before the state is read.
    let pending = events.next();
    await options.events.listening(options.topic, options.id);
    const stopped = stop.then(() => 'stopped' as const);
    let recheck: NodeJS.Timeout | undefined;
    try {
      let current = await options.load();
      let lastVersion = -1;
      // After a time-based recheck the same version may read differently (derived state).
      let recheckDue = false;
      while (current) {
        if (current.version > lastVersion || recheckDue) {
          lastVersion = current.version;
          await push(current);
          if (options.isFinal?.(current)) break;
        }
        recheckDue = false;
        const delay = options.recheckAfterMs?.(current);
        const timer =
          delay === undefined
            ? []
            : [
                new Promise<'recheck'>((resolve) => {
                  recheck = setTimeout(() => resolve('recheck'), Math.max(0, delay));
                }),
              ];
        const next = await Promise.race([pending, stopped, ...timer]);
        clearTimeout(recheck);
        if (next === 'stopped') break;
        if (next === 'recheck') {
          recheckDue = true;
        } else {
          if (next.done || next.value.deleted) break;
          pending = events.next();
          if (next.value.version <= lastVersion) continue;
        }
        current = await options.load();
      }
    } finally {
      clearTimeout(recheck);
      stop();
      await events.return?.(undefined);
    }
  });
}
