/**
 * Samråd as shipped: the built server (apps/server/dist/main.js) in its own process on a
 * fresh data folder, seeded with the demo communities and users on first start. Clients log
 * in through the API and connect with the session cookie and a same-origin header, as the
 * web app does.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ClientTarget } from '../clients.js';
import { ChildServer, freePort } from './child.js';
import type { ServerWithObservers } from '../scenarios/refusals.js';
import { roomName, type SectionRef } from './server.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const PASSWORD = 'samraad-demo';
/** Both sides may write a shared section; typists alternate between them. */
const WRITERS = ['kommune@lvs.demo', 'sykehus@lvs.demo'];
const SECRETARIAT = 'sekretariat@lvs.demo';
/** Reads and comments, may not write: every update it sends is refused. */
const OBSERVER = 'observator@lvs.demo';

interface Session {
  cookie: string;
  csrf: string;
}

export class SamraadServer implements ServerWithObservers {
  readonly name = 'Samråd';
  readonly storage =
    'built server, embedded SQLite (WAL, NORMAL): every update committed before relay, log folded every 500 updates and on unload';
  private port = 0;
  private child!: ChildServer;
  private writers: Session[] = [];
  private secretariat!: Session;
  private observer!: Session;
  private created = 0;

  constructor(private readonly dataDir: string) {}

  async start(): Promise<this> {
    this.port = await freePort();
    this.child = new ChildServer({
      script: path.join(repoRoot, 'apps/server/dist/main.js'),
      cwd: repoRoot,
      env: {
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        WEB_DIST: '',
        // Every simulated editor shares one of two sessions; the per-person socket cap
        // (a handful of tabs) would refuse all but the first few.
        MAX_SOCKETS_PER_SESSION: '100000',
        MAX_SOCKETS_PER_USER: '100000',
        // Likewise the client ids one person may hold live in a section (64: tabs and reloads).
        MAX_PRESENCE_IDS_PER_USER: '100000',
      },
      readyUrl: `${this.origin}/api/health`,
      logFile: path.join(this.dataDir, 'server.log'),
    });
    await this.child.start();
    // Sessions live in the database, so they survive a restart; logging in once is enough.
    if (this.writers.length === 0) {
      this.writers = await Promise.all(WRITERS.map((email) => this.login(email)));
      this.secretariat = await this.login(SECRETARIAT);
      this.observer = await this.login(OBSERVER);
    }
    return this;
  }

  get pid(): number {
    return this.child.pid;
  }

  private get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private async login(email: string): Promise<Session> {
    const response = await fetch(`${this.origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.origin },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { csrfToken: string };
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0]!)
      .find((pair) => pair.startsWith('samraad_session='));
    if (!cookie) throw new Error(`login ${email}: no samraad_session cookie`);
    return { cookie, csrf: body.csrfToken };
  }

  private async post<T>(route: string, body: unknown): Promise<T> {
    const response = await fetch(`${this.origin}${route}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: this.origin,
        cookie: this.secretariat.cookie,
        'x-csrf-token': this.secretariat.csrf,
      },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`POST ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** A case with one shared section, created through the API as the secretariat. */
  async createSection(label: string): Promise<SectionRef> {
    const n = this.created++;
    // Case numbers are unique per community and body: NNN-YYYY, spread over bodies.
    const created = await this.post<{ id: string }>('/api/communities/lvs/cases', {
      number: `${100 + (n % 900)}-2024`,
      body: `Benk ${Math.floor(n / 900)}`,
      title: `${label} ${n}`,
      kind: 'drøftingssak',
    });
    const section = await this.post<{ id: string }>(`/api/cases/${created.id}/sections`, {
      kind: 'bakgrunn',
      title: 'Bakgrunn',
      owner: 'shared',
    });
    return { caseId: created.id, sectionId: section.id };
  }

  /**
   * Cases and sections go through the API (16 requests in flight); their documents are
   * written as snapshots straight into the server's document store, which is what the server
   * itself holds for a section after compaction.
   */
  async storeCases(count: number, state: Uint8Array): Promise<SectionRef[]> {
    const refs: SectionRef[] = [];
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next++;
        refs.push(await this.createSection('Lagret sak'));
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const db = new Database(path.join(this.dataDir, 'samraad.db'));
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare(
      'INSERT INTO document_snapshots (room, state) VALUES (?, ?) ON CONFLICT (room) DO UPDATE SET state = excluded.state',
    );
    db.transaction(() => {
      for (const ref of refs) insert.run(roomName(ref), Buffer.from(state));
    })();
    db.close();
    return refs;
  }

  target(section: SectionRef, index: number): ClientTarget {
    const session = this.writers[index % this.writers.length]!;
    const name = roomName(section);
    return {
      url: `ws://127.0.0.1:${this.port}/ws/${name}`,
      headers: { cookie: session.cookie, origin: this.origin },
      dialect: 'y-websocket',
      documentName: name,
    };
  }

  observerTarget(section: SectionRef, _index: number): ClientTarget {
    return { ...this.target(section, 0), headers: { cookie: this.observer.cookie, origin: this.origin } };
  }

  async restart(): Promise<void> {
    await this.child.stop();
    await this.start();
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}
