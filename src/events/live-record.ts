import type { EventBus, Topics } from './pubsub.js';

type ChangeTopic = keyof Topics;

/**
 * The subscription pattern every `*Updated(id)` field uses: listen first, then read and yield
 * the current state, then yield each newer version only. A change that happened before the
 * client subscribed is therefore not lost, a repeated or late event never goes backwards, and a
 * deletion ends the stream.
 */
export async function* liveRecord<R extends { version: number }>(options: {
  events: EventBus;
  topic: ChangeTopic;
  id: string;
  load: () => Promise<R | undefined>;
}): AsyncGenerator<R> {
  const events = options.events.subscribe(options.topic, options.id) as AsyncIterableIterator<Topics[ChangeTopic][1]>;
  // Starting the iterator registers the listener now, before the state is read.
  let pending = events.next();
  try {
    const current = await options.load();
    if (!current) return;
    let lastVersion = current.version;
    yield current;
    for (;;) {
      const result = await pending;
      if (result.done) return;
      const event = result.value;
      if (event.deleted) return;
      pending = events.next();
      if (event.version <= lastVersion) continue;
      const record = await options.load();
      if (!record) return;
      if (record.version <= lastVersion) continue;
      lastVersion = record.version;
      yield record;
    }
  } finally {
    await events.return?.(undefined);
  }
}
