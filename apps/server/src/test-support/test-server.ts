import { startServer, type RunningServer } from '../server.js';
import { makeTempDir } from './temp-dir.js';

/** A real server in this process on a free port and its own data directory. */
export async function startTestServer(dataDir = makeTempDir(), overrides: { compactAfterUpdates?: number } = {}): Promise<RunningServer & { dataDir: string }> {
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    webDist: null,
    maxMessageBytes: 1024 * 1024,
    compactAfterUpdates: overrides.compactAfterUpdates ?? 500,
    allowedOrigins: [],
    invitationTtlMs: 7 * 24 * 60 * 60 * 1000,
  });
  return { ...server, dataDir };
}
