import type { CaseRepository } from '../cases/case-repository.js';
import { createSqlCaseRepository } from '../cases/sql-case-repository.js';
import type { Storage } from '../db/storage.js';
import type { DocumentStore } from '../persistence/document-store.js';
import type { ConsensusRepository } from './consensus-repository.js';
import { createSqlConsensusRepository } from './sql-consensus-repository.js';

/** The repositories a consensus step writes through, all bound to one transaction. */
export interface ConsensusTransaction {
  consensus: ConsensusRepository;
  cases: CaseRepository;
  /** The transaction itself, for what the step writes beside consensus (its notices). */
  sql: Storage;
}

/**
 * Runs `work` as one database transaction: everything it writes through the repositories it
 * is given commits together or not at all. Events are the caller's to publish, after this
 * resolves. Inside `work`, read and write only through those repositories: on SQLite the
 * transaction holds the one connection, and anything else would wait for it forever.
 */
export type UnitOfWork = <T>(work: (tx: ConsensusTransaction) => Promise<T>) => Promise<T>;

/** A unit of work that also reads section documents, as stored when it runs. */
export interface SealingTransaction extends ConsensusTransaction {
  /** The rooms' stored parts (snapshot first), read in one query inside the transaction. */
  stored(rooms: readonly string[]): Promise<Map<string, Uint8Array[]>>;
}

/**
 * Runs `work` as one transaction holding the fences of `rooms` (see DocumentStore.sealing):
 * no instance stores an update to them until it ends, and an update that waited is refused
 * if `work` sealed its room. What `work` reads of them is therefore what stays.
 */
export type SealingUnitOfWork = <T>(
  rooms: readonly string[],
  work: (tx: SealingTransaction) => Promise<T>,
) => Promise<T>;

const repositoriesOn = (tx: Storage): ConsensusTransaction => ({
  consensus: createSqlConsensusRepository(tx),
  cases: createSqlCaseRepository(tx),
  sql: tx,
});

export function sqlUnitOfWork(sql: Storage): UnitOfWork {
  return (work) => sql.transaction((tx) => work(repositoriesOn(tx)));
}

export function sqlSealingUnitOfWork(documents: DocumentStore): SealingUnitOfWork {
  return (rooms, work) =>
    documents.sealing(rooms, (tx, _read, readAll) => work({ ...repositoriesOn(tx), stored: readAll }));
}
