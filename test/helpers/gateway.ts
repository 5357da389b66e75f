import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { mintToken } from '../../src/auth/mint-token.js';
import { silentLogger } from '../../src/logging/logger.js';
import { startGateway, type RunningGateway } from '../../src/server/start-gateway.js';
import type { ResultExtensions } from './results.js';

export interface TestGateway extends RunningGateway {
  /** A development token for `sub`, signed with the gateway's secret. */
  token(sub: string): Promise<string>;
  /** Runs a typed document in process through `yoga.fetch`. */
  execute<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables?: TVariables,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<ExecutionResult<TResult, ResultExtensions>>;
}

/** Starts the whole gateway (sandbox included) on a free loopback port, with quiet logs. */
export async function startTestGateway(env: Record<string, string | undefined> = {}): Promise<TestGateway> {
  const gateway = await startGateway(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      SANDBOX_PROCESSING_DELAY_MS: '50',
      ...env,
    },
    { logger: silentLogger, drainTimeoutMs: 2_000 },
  );
  const secret = gateway.config.auth.jwtSecret!;
  return {
    ...gateway,
    token: (sub) => mintToken(sub, secret),
    async execute(document, variables, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      const response = await gateway.app.yoga.fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: print(document), variables }),
      });
      return (await response.json()) as ExecutionResult<never>;
    },
  };
}
