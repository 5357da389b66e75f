import { Repeater } from '@repeaterjs/repeater';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src/events/pubsub.js';
import { liveRecord, type LiveRecordOptions } from '../../src/events/live-record.js';

interface Rec {
  id: string;
  version: number;
  state: string;
}

/** A bus whose one subscription reports when its listener is released. */
function trackingBus() {
  let releasedListener = false;
  let emit: ((event: ChangeEvent) => void) | undefined;
  const bus = {
    subscribe: () =>
      new Repeater<ChangeEvent>(async (push, stop) => {
        emit = (e) => void push(e);
        await stop;
        releasedListener = true;
      }),
    listening: async () => {},
  } satisfies LiveRecordOptions<{ version: number }>['events'];
  return { bus, emit: (e: ChangeEvent) => emit?.(e), released: () => releasedListener };
}

describe('liveRecord', () => {
  it('releases its listener as soon as the client leaves, without waiting for a change', async () => {
    const { bus, released } = trackingBus();
    const live = liveRecord<Rec>({ events: bus, topic: 'avatar:updated', id: 'a', load: async () => ({ id: 'a', version: 1, state: 'READY' }) });
    expect((await live.next()).value).toMatchObject({ version: 1 });
    const waiting = live.next();
    await live.return?.(undefined);
    await expect(waiting).resolves.toMatchObject({ done: true });
    await new Promise((r) => setImmediate(r));
    expect(released()).toBe(true);
  });

  it('ends right after a final state', async () => {
    const { bus, released } = trackingBus();
    const live = liveRecord<Rec>({
      events: bus,
      topic: 'zepeto-connection:updated',
      id: 's',
      load: async () => ({ id: 's', version: 3, state: 'CONNECTED' }),
      isFinal: (r) => r.state !== 'PENDING',
    });
    expect((await live.next()).value).toMatchObject({ state: 'CONNECTED' });
    expect((await live.next()).done).toBe(true);
    expect(released()).toBe(true);
  });

  it('re-reads a record whose state changes by time, without any event', async () => {
    const { bus } = trackingBus();
    const expiresAt = Date.now() + 60;
    const derived = (): Rec => ({ id: 's', version: 1, state: Date.now() >= expiresAt ? 'EXPIRED' : 'PENDING' });
    const live = liveRecord<Rec>({
      events: bus,
      topic: 'zepeto-connection:updated',
      id: 's',
      load: async () => derived(),
      isFinal: (r) => r.state === 'EXPIRED',
      recheckAfterMs: (r) => (r.state === 'PENDING' ? expiresAt - Date.now() : undefined),
    });
    const states: string[] = [];
    for await (const r of live) states.push(r.state);
    expect(states).toEqual(['PENDING', 'EXPIRED']);
  });

  it('skips repeated and older events and follows newer ones', async () => {
    const { bus, emit } = trackingBus();
    let version = 1;
    const live = liveRecord<Rec>({ events: bus, topic: 'avatar:updated', id: 'a', load: async () => ({ id: 'a', version, state: `v${version}` }) });
    expect((await live.next()).value).toMatchObject({ version: 1 });
    const next = live.next();
    emit({ id: 'a', version: 1 });
    version = 2;
    emit({ id: 'a', version: 2 });
    expect((await next).value).toMatchObject({ version: 2, state: 'v2' });
    const end = live.next();
    emit({ id: 'a', version: 3, deleted: true });
    expect((await end).done).toBe(true);
  });
});
