import { createClient, type Client } from 'graphql-sse';
import type { TypedDocumentString } from './__generated__/graphql.js';

export interface Cost {
  images: number;
  units: number;
  usd: number;
}

export interface GraphqlResponse {
  data?: unknown;
  errors?: ReadonlyArray<{ message: string; extensions?: { code?: unknown } }>;
  extensions?: { cost?: Cost };
}

/** A GraphQL error or a failed request, with the gateway's `extensions.code` when it sent one. */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(code ? `${message} (${code})` : message);
    this.name = 'GatewayError';
  }
}

type Variables = Record<string, unknown>;

const ENDPOINT = '/graphql';

/** The operation name, for the request log. */
const operationName = (doc: TypedDocumentString<unknown, never>): string =>
  /\b(?:query|mutation|subscription)\s+(\w+)/.exec(doc.toString())?.[1] ?? 'anonymous';

/**
 * Talks to this gateway with typed documents: queries and mutations over POST (JSON, or
 * multipart for uploads, with the CSRF preflight header), subscriptions over SSE (graphql-sse,
 * one stream per subscription). Every response passes through `onResponse` (cost, log).
 */
export class GatewayClient {
  private readonly sse: Client;

  constructor(
    private readonly token: string,
    private readonly onResponse: (operation: string, response: GraphqlResponse) => void,
  ) {
    this.sse = createClient({ url: ENDPOINT, headers: () => this.auth(), retryAttempts: 3 });
  }

  async request<T, V extends Variables>(doc: TypedDocumentString<T, V>, variables: V): Promise<T> {
    const response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { ...this.auth(), 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: doc.toString(), variables }),
    });
    return this.settle(doc, await readJson(response));
  }

  /**
   * A GraphQL multipart request (graphql-multipart-request-spec): every `File` in `variables` is
   * sent as a file part, in the order the variables list them, with `null` in its place.
   */
  async upload<T, V extends Variables>(doc: TypedDocumentString<T, V>, variables: V): Promise<T> {
    const files: Array<[path: string, file: File]> = [];
    const operations = JSON.stringify({ query: doc.toString(), variables: extractFiles(variables, 'variables', files) });
    const form = new FormData();
    form.set('operations', operations);
    form.set('map', JSON.stringify(Object.fromEntries(files.map(([path], i) => [String(i), [path]]))));
    files.forEach(([, file], i) => form.set(String(i), file, file.name));
    const response = await fetch(ENDPOINT, { method: 'POST', headers: { ...this.auth(), 'apollo-require-preflight': 'true' }, body: form });
    return this.settle(doc, await readJson(response));
  }

  /** Calls `onData` for each event until the server completes the stream or `dispose` is called. */
  subscribe<T, V extends Variables>(
    doc: TypedDocumentString<T, V>,
    variables: V,
    handlers: { onData(data: T): void; onError(err: Error): void; onComplete?(): void },
  ): () => void {
    return this.sse.subscribe<T>(
      { query: doc.toString(), variables },
      {
        next: (event) => {
          let data: T;
          try {
            data = this.settle(doc, event as GraphqlResponse);
          } catch (err) {
            return handlers.onError(err as Error);
          }
          handlers.onData(data);
        },
        error: (err) => handlers.onError(err instanceof Error ? err : new GatewayError(describe(err))),
        complete: () => handlers.onComplete?.(),
      },
    );
  }

  private auth(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  private settle<T>(doc: TypedDocumentString<T, never>, response: GraphqlResponse): T {
    this.onResponse(operationName(doc), response);
    const first = response.errors?.[0];
    if (first) throw new GatewayError(first.message, typeof first.extensions?.code === 'string' ? first.extensions.code : undefined);
    if (response.data === undefined || response.data === null) throw new GatewayError('the response carried no data');
    return response.data as T;
  }
}

/** Copies `value` with each File replaced by null, collecting the files with their paths (`variables.input.frontal`). */
function extractFiles(value: unknown, path: string, files: Array<[string, File]>): unknown {
  if (value instanceof File) {
    files.push([path, value]);
    return null;
  }
  if (Array.isArray(value)) return value.map((v, i) => extractFiles(v, `${path}.${i}`, files));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, extractFiles(v, `${path}.${k}`, files)]));
  }
  return value;
}

async function readJson(response: Response): Promise<GraphqlResponse> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) {
    throw new GatewayError(`the gateway answered HTTP ${response.status}`);
  }
  return (await response.json()) as GraphqlResponse;
}

/** graphql-sse reports a failed stream as an Error, a Response-like value or GraphQL errors. */
function describe(err: unknown): string {
  if (Array.isArray(err)) return err.map((e: { message?: string }) => e.message ?? String(e)).join('; ');
  if (err && typeof err === 'object' && 'status' in err) return `the subscription stream answered HTTP ${String(err.status)}`;
  return String(err);
}
