import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { ConfigError } from '../../src/config/env-schema.js';

const LIVE = { RENDERIT_API_KEY: 'k', AUTH_JWT_SECRET: 's'.repeat(32) };

describe('security settings in config', () => {
  it('turns introspection and GraphiQL off as soon as one upstream is live, and CORS off everywhere', () => {
    expect(loadConfig({}).http).toEqual({ corsOrigins: [], introspection: true, graphiql: true });
    expect(loadConfig(LIVE).http).toEqual({ corsOrigins: [], introspection: false, graphiql: false });
    expect(loadConfig({ ...LIVE, GRAPHQL_INTROSPECTION: 'true', GRAPHIQL: 'true' }).http).toMatchObject({ introspection: true, graphiql: true });
    expect(loadConfig({ GRAPHQL_INTROSPECTION: 'false', GRAPHIQL: 'false' }).http).toMatchObject({ introspection: false, graphiql: false });
  });

  it('reads CORS_ORIGINS as exact origins', () => {
    const { corsOrigins } = loadConfig({ CORS_ORIGINS: 'https://app.example.com, https://studio.apollographql.com,http://localhost:3000' }).http;
    expect(corsOrigins).toEqual(['https://app.example.com', 'https://studio.apollographql.com', 'http://localhost:3000']);
  });

  it('has documented defaults for metrics and subscriptions', () => {
    const config = loadConfig({});
    expect(config.metrics).toEqual({ token: undefined, port: undefined, maxOperationNames: 50 });
    expect(config.subscriptions).toEqual({ connectionInitTimeoutMs: 3_000, maxPerConnection: 25, maxPerUser: 100 });
    expect(loadConfig({ WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '0', MAX_SUBSCRIPTIONS_PER_USER: '0' }).subscriptions).toMatchObject({ maxPerConnection: 0, maxPerUser: 0 });
  });

  it.each([
    [{ CORS_ORIGINS: '*' }, /^CORS_ORIGINS must list exact origins/],
    [{ CORS_ORIGINS: 'https://app.example.com/' }, /^CORS_ORIGINS must list exact origins/],
    [{ CORS_ORIGINS: 'https://app.example.com/path' }, /^CORS_ORIGINS must list exact origins/],
    [{ CORS_ORIGINS: 'app.example.com' }, /^CORS_ORIGINS must list exact origins/],
    [{ GRAPHQL_INTROSPECTION: 'yes' }, /^GRAPHQL_INTROSPECTION must be true or false \(got "yes"\)$/],
    [{ GRAPHIQL: '1' }, /^GRAPHIQL must be true or false/],
    [{ METRICS_TOKEN: 'short' }, /^METRICS_TOKEN must be at least 16 printable characters without spaces$/],
    [{ METRICS_PORT: '4000' }, /^METRICS_PORT must differ from PORT/],
    [{ METRICS_MAX_OPERATION_NAMES: '-1' }, /^METRICS_MAX_OPERATION_NAMES must be a whole number/],
    [{ WS_CONNECTION_INIT_TIMEOUT_MS: '0' }, /^WS_CONNECTION_INIT_TIMEOUT_MS must be a whole number between 100 and 60000/],
    [{ MAX_SUBSCRIPTIONS_PER_USER: 'many' }, /^MAX_SUBSCRIPTIONS_PER_USER must be a whole number/],
  ])('stops on %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes a token in its message', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'has a space in it' })).toThrow(/^METRICS_TOKEN [^"]*$/);
  });
});
