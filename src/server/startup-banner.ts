import type { Config } from '../config/config.js';

/** What `npm start` prints: where things are, which mode each upstream runs in, how to get a token. */
export function startupBanner(config: Config): string {
  const u = config.publicUrl;
  const lines = [
    '',
    `avatar-gateway listening on ${u}  (mode: ${config.mode})`,
    ...(config.demo ? [`  Demo page           ${u}/`] : []),
    `  GraphQL${config.http.graphiql ? ' + GraphiQL' : '           '}  ${u}/graphql   (SSE and graphql-ws on the same path)`,
    `  Probes              ${u}/healthz  ${u}/readyz  ${config.metrics.port === undefined ? `${u}/metrics` : `/metrics on port ${config.metrics.port}`}${config.metrics.token ? ' (bearer METRICS_TOKEN)' : ''}`,
    `  Avaturn             ${config.avaturn.mode === 'sandbox' ? `sandbox simulator at ${u}/sandbox/avaturn` : `live at ${config.avaturn.apiUrl}`}`,
    `  ZEPETO Render-it    ${config.renderIt.mode === 'sandbox' ? `sandbox simulator at ${u}/sandbox/render-it` : `live at ${config.renderIt.apiUrl}`}`,
    `  Avaturn webhooks    ${u}/webhooks/avaturn/<AVATURN_WEBHOOK_TOKEN>`,
    `  State and events    ${config.redisUrl ? 'Redis (shared by all instances)' : 'in memory (one instance)'}`,
  ];
  if (config.auth.usingSandboxSecret) {
    lines.push(
      '',
      'Development token (sandbox secret; never in production):',
      '  npm run token -- alice        then send  Authorization: Bearer <token>',
    );
  } else if (config.auth.jwksUrl) {
    lines.push('', `Auth: JWTs verified against ${config.auth.jwksUrl}`);
  } else {
    lines.push('', 'Auth: HS256 JWTs signed with AUTH_JWT_SECRET (npm run token -- <user> mints one)');
  }
  return `${lines.join('\n')}\n\n`;
}
