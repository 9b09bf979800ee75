/** What every server under test offers the scenarios, whatever its protocol and storage. */
import type { ClientTarget } from '../clients.js';

export interface SectionRef {
  caseId: string;
  sectionId: string;
}

export const roomName = ({ caseId, sectionId }: SectionRef) => `case/${caseId}/section/${sectionId}`;

export interface BenchServer {
  readonly name: string;
  /** One line on how this server stores documents, for the report. */
  readonly storage: string;
  /** The server's own process, for RSS and CPU readings. */
  readonly pid: number;
  /** A new, empty section that the typists may write. */
  createSection(label: string): Promise<SectionRef>;
  /** Stores `count` more cases, each with one section holding `state`. */
  storeCases(count: number, state: Uint8Array): Promise<SectionRef[]>;
  /** Where client `index` connects to edit `section` (Samråd alternates two writers' sessions). */
  target(section: SectionRef, index: number): ClientTarget;
  /** Stops the process and starts it again on the same data: memory and caches are cold. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export type ServerKind = 'samraad' | 'hocuspocus' | 'y-websocket-server';
