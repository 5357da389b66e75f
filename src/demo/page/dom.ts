/** The element with `data-testid` `id` (the page's public hooks double as its own). */
export function byTestId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`missing [data-testid="${id}"]`);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
}

export type Tone = 'idle' | 'busy' | 'ok' | 'bad';

/** Shows `text` in a status pill, coloured by `tone`. */
export function setPill(el: HTMLElement, text: string, tone: Tone): void {
  el.textContent = text;
  el.dataset['tone'] = tone;
}

const MAX_LOG_LINES = 40;

/** One line in the "Requests" list, newest first. */
export function logLine(text: string, tone: Tone = 'idle'): void {
  const list = byId('log');
  const item = document.createElement('li');
  item.dataset['tone'] = tone;
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString([], { hour12: false });
  item.append(time, ` ${text}`);
  list.prepend(item);
  while (list.children.length > MAX_LOG_LINES) list.lastElementChild?.remove();
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
