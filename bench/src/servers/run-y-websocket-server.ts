/**
 * @y/websocket-server with a SQLite update log in place of y-leveldb: every update is
 * appended as it is applied (right after it is relayed, as y-leveldb does), the log is loaded
 * and merged when a document opens and folded into one row when its last client leaves.
 */
import http from 'node:http';
import { setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { openPeerDatabase } from './peer-storage.js';

const db = openPeerDatabase(process.env.DATA_DIR!);
const load = db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE doc = ? ORDER BY id');
const append = db.prepare('INSERT INTO updates (doc, data) VALUES (?, ?)');
const clear = db.prepare('DELETE FROM updates WHERE doc = ?');
const fold = db.transaction((name: string, state: Uint8Array) => {
  clear.run(name);
  append.run(name, state);
});

setPersistence({
  provider: db,
  bindState: (name: string, doc: Y.Doc) => {
    const stored = load.all(name).map((row) => new Uint8Array(row.data));
    if (stored.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(stored));
    doc.on('update', (update: Uint8Array) => {
      append.run(name, update);
    });
  },
  writeState: (name: string, doc: Y.Doc) => {
    if (db.open) fold(name, Y.encodeStateAsUpdate(doc));
    return Promise.resolve();
  },
});

const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('ok');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(Number(process.env.PORT), '127.0.0.1', () =>
  console.log(`y-websocket-server listening on ${process.env.PORT}`),
);

process.on('SIGTERM', () => {
  for (const client of wss.clients) client.close();
  server.close(() => {
    db.close();
    process.exit(0);
  });
});
