/** The two peers, each in its own child process on its own SQLite file. */
import path from 'node:path';
import type { ClientTarget } from '../clients.js';
import { ChildServer, freePort } from './child.js';
import { openPeerDatabase } from './peer-storage.js';
import { roomName, type BenchServer, type SectionRef } from './server.js';

const here = import.meta.dirname;

abstract class PeerServer implements BenchServer {
  abstract readonly name: string;
  abstract readonly storage: string;
  protected port = 0;
  private stored = 0;
  private sections = 0;
  protected child!: ChildServer;

  constructor(
    protected readonly dataDir: string,
    private readonly script: string,
  ) {}

  async start(): Promise<this> {
    this.port = await freePort();
    this.child = new ChildServer({
      script: path.join(here, this.script),
      env: { PORT: String(this.port), DATA_DIR: this.dataDir },
      readyUrl: `http://127.0.0.1:${this.port}/`,
      logFile: path.join(this.dataDir, 'server.log'),
    });
    await this.child.start();
    return this;
  }

  get pid(): number {
    return this.child.pid;
  }

  createSection(label: string): Promise<SectionRef> {
    return Promise.resolve({ caseId: `${label}-${++this.sections}`, sectionId: 'bakgrunn' });
  }

  /** Written straight into the peer's table, in the form its persistence would have stored. */
  storeCases(count: number, state: Uint8Array): Promise<SectionRef[]> {
    const db = openPeerDatabase(this.dataDir);
    const refs: SectionRef[] = [];
    for (let i = 0; i < count; i++) refs.push({ caseId: `case-${++this.stored}`, sectionId: 'bakgrunn' });
    const insert = this.insertStatement(db);
    db.transaction(() => {
      for (const ref of refs) insert.run(roomName(ref), Buffer.from(state));
    })();
    db.close();
    return Promise.resolve(refs);
  }

  protected abstract insertStatement(db: ReturnType<typeof openPeerDatabase>): {
    run(name: string, data: Buffer): unknown;
  };

  abstract target(section: SectionRef, index: number): ClientTarget;

  async restart(): Promise<void> {
    await this.child.stop();
    await this.start();
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}

export class HocuspocusServer extends PeerServer {
  readonly name = 'Hocuspocus';
  readonly storage =
    '@hocuspocus/server 4.7.0 + extension-database on SQLite (WAL, NORMAL): whole state stored debounced 2 s / max 10 s and on unload';

  constructor(dataDir: string) {
    super(dataDir, 'run-hocuspocus.js');
  }

  protected insertStatement(db: ReturnType<typeof openPeerDatabase>) {
    return db.prepare('INSERT INTO documents (name, data) VALUES (?, ?)');
  }

  target(section: SectionRef): ClientTarget {
    return { url: `ws://127.0.0.1:${this.port}/`, headers: {}, dialect: 'hocuspocus', documentName: roomName(section) };
  }
}

export class YWebsocketServer extends PeerServer {
  readonly name = 'y-websocket-server';
  readonly storage =
    '@y/websocket-server 0.1.1 + SQLite update log (WAL, NORMAL): each update appended right after relay, folded on unload';

  constructor(dataDir: string) {
    super(dataDir, 'run-y-websocket-server.js');
  }

  protected insertStatement(db: ReturnType<typeof openPeerDatabase>) {
    return db.prepare('INSERT INTO updates (doc, data) VALUES (?, ?)');
  }

  target(section: SectionRef): ClientTarget {
    const name = roomName(section);
    return { url: `ws://127.0.0.1:${this.port}/${name}`, headers: {}, dialect: 'y-websocket', documentName: name };
  }
}
