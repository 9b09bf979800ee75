import { configFromEnv } from './config.js';
import { startServer } from './server.js';

const config = configFromEnv();
const server = await startServer(config);
// The URLs are not printed: they may carry passwords.
const storage = `${config.databaseUrl ? 'PostgreSQL' : config.dataDir}${config.redisUrl ? ', Redis-fan-out' : ''}`;
console.log(`Samråd kjører på ${server.url}  (data: ${storage}${server.seeded ? ', demodata lastet' : ''})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
