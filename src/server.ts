/**
 * `npm start`: validate configuration, listen, print where everything is, and shut down
 * cleanly on SIGTERM/SIGINT (drain, close pools, exit 0).
 */
import { ConfigError } from './config/env-schema.js';
import { startGateway } from './server/start-gateway.js';
import { startupBanner } from './server/startup-banner.js';

try {
  const gateway = await startGateway();
  process.stdout.write(startupBanner(gateway.config));
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) return;
    signalled = true;
    gateway.services.logger.info({ signal }, 'shutting down: draining in-flight requests');
    gateway.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        gateway.services.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`Invalid configuration: ${err.message}\n`);
  } else {
    process.stderr.write(`Start-up failed: ${(err as Error).message}\n`);
  }
  process.exit(1);
}
