/**
 * @hocuspocus/server 4.7.0 (declares Node 22, runs on Node 20) with its Database extension on SQLite. The extension stores the
 * whole document state, debounced (2 s, at most 10 s after the first change) and when the
 * last client leaves: a crash can lose up to ~10 s of accepted edits.
 */
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import { openPeerDatabase } from './peer-storage.js';

const db = openPeerDatabase(process.env.DATA_DIR!);
const select = db.prepare<[string], { data: Buffer }>('SELECT data FROM documents WHERE name = ?');
const upsert = db.prepare(
  'INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data',
);

const server = new Server({
  port: Number(process.env.PORT),
  address: '127.0.0.1',
  quiet: true,
  extensions: [
    new Database({
      fetch: ({ documentName }) => {
        const row = select.get(documentName);
        return Promise.resolve(row ? new Uint8Array(row.data) : null);
      },
      store: ({ documentName, state }) => {
        upsert.run(documentName, state);
        return Promise.resolve();
      },
    }),
  ],
});

await server.listen();
console.log(`hocuspocus listening on ${process.env.PORT}`);

process.on('SIGTERM', () => {
  void server.destroy().then(() => {
    db.close();
    process.exit(0);
  });
});
