import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { BodyError, readJson } from '../../http/body.js';
import { AvaturnApiError, fromZod, invalid, missing } from './errors.js';
import { isUuid } from './ids.js';

export type Query = Record<string, string | string[] | undefined>;

const TRUE = new Set(['true', '1', 'yes', 'on', 't', 'y']);
const FALSE = new Set(['false', '0', 'no', 'off', 'f', 'n']);

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A UUID from the path or query, 422 (`uuid_parsing`) when malformed, lower-cased. */
export function uuidParam(value: string | string[] | undefined, loc: [string, string]): string {
  const raw = first(value);
  if (raw === undefined || raw === '') throw invalid(missing(loc));
  if (!isUuid(raw)) throw invalid({ loc, msg: 'Input should be a valid UUID', type: 'uuid_parsing' });
  return raw.toLowerCase();
}

export function optionalQuery(query: Query, name: string): string | undefined {
  const raw = first(query[name]);
  return raw === undefined || raw === '' ? undefined : raw;
}

/** A boolean query parameter parsed the way Pydantic does (`true/false/1/0/yes/no/on/off`). */
export function boolQuery(query: Query, name: string, fallback: boolean): boolean {
  const raw = optionalQuery(query, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (TRUE.has(raw)) return true;
  if (FALSE.has(raw)) return false;
  throw invalid({ loc: ['query', name], msg: 'Input should be a valid boolean', type: 'bool_parsing' });
}

/** Reads a JSON body; malformed JSON is a FastAPI-style 422 `json_invalid`, too large a 413. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  try {
    return await readJson(req, 256 * 1024);
  } catch (err) {
    if (err instanceof BodyError && err.status === 413) throw new AvaturnApiError(413, 'Request body too large');
    if (err instanceof BodyError) throw invalid({ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid' });
    throw err;
  }
}

/** Reads and validates a JSON body: 422 `missing` at `["body"]` when there is none. */
export async function parseJsonBody<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.output<T>> {
  const body = await readJsonBody(req);
  if (body === undefined) throw invalid(missing(['body']));
  const parsed = schema.safeParse(body, { reportInput: true });
  if (!parsed.success) throw fromZod(parsed.error, ['body']);
  return parsed.data;
}
