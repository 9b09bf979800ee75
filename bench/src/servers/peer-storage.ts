/**
 * SQLite storage for the peers, with the same settings as Samråd's embedded database
 * (WAL, synchronous=NORMAL: a committed write survives a killed process).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export function openPeerDatabase(dataDir: string): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'peer.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Hocuspocus: one state blob per document, as its Database extension stores it.
  db.exec('CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL)');
  // y-websocket-server: an append-only update log per document, like its y-leveldb persistence.
  db.exec(`CREATE TABLE IF NOT EXISTS updates (id INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, data BLOB NOT NULL);
           CREATE INDEX IF NOT EXISTS updates_doc ON updates (doc, id);`);
  return db;
}
