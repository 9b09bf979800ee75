import { configFromEnv, DEFAULT_SHUTDOWN_TIMEOUT_MS } from './config.js';
import { announcements, logger } from './logging/logger.js';
import { startServer } from './server.js';

const config = configFromEnv();
const server = await startServer(config).catch((error: unknown) => {
  logger.fatal({ err: error }, 'Samråd kunne ikke starte');
  process.exit(1);
});
// The URLs are not printed: they may carry passwords.
const storage = `${config.databaseUrl ? 'PostgreSQL' : config.dataDir}${config.redisUrl ? ', Redis-fan-out' : ''}`;
// People, the e2e helpers and scripts wait for this line (an "http://" on standard output).
announcements.info(
  { port: server.port },
  `Samråd kjører på ${server.url}  (data: ${storage}${server.seeded ? ', demodata lastet' : ''})`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const boundMs = config.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
    logger.info({ signal }, `${signal} mottatt; stopper pent (høyst ${boundMs / 1000} s)`);
    // A database that no longer answers must not keep the process from ever exiting.
    setTimeout(() => {
      logger.error({ boundMs }, 'stoppet ikke i tide; avslutter likevel');
      process.exit(1);
    }, boundMs).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'feil under stopp');
        process.exit(1);
      },
    );
  });
}
