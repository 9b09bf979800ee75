import { startServer } from '../../e2e/support/server.js';

/**
 * Vitest global setup for the component tests: the real, built server (API only, demo data on
 * a fresh data directory) on the port the test page's Vite server proxies /api and /ws to, so
 * components and hooks talk to it from their own origin exactly as in development.
 */
export default async function startRealServer(): Promise<() => Promise<void>> {
  const port = process.env['SAMRAAD_COMPONENT_SERVER_PORT'];
  if (!port) throw new Error('vitest.config.ts sets SAMRAAD_COMPONENT_SERVER_PORT');
  const server = await startServer({ LOG_LEVEL: 'warn' }, { port: Number(port), serveWeb: false });
  return () => server.stop();
}
