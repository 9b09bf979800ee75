import type { CaseRepository } from '../cases/case-repository.js';
import { createSqlCaseRepository } from '../cases/sql-case-repository.js';
import type { SqlClient } from '../db/sql-client.js';
import type { ConsensusRepository } from './consensus-repository.js';
import { createSqlConsensusRepository } from './sql-consensus-repository.js';

/** The repositories a consensus step writes through, all bound to one transaction. */
export interface ConsensusTransaction {
  consensus: ConsensusRepository;
  cases: CaseRepository;
  /** The transaction itself, for what the step writes beside consensus (its notices). */
  sql: SqlClient;
}

/**
 * Runs `work` as one database transaction: everything it writes through the repositories it
 * is given commits together or not at all. Events are the caller's to publish, after this
 * resolves. Inside `work`, read and write only through those repositories: on SQLite the
 * transaction holds the one connection, and anything else would wait for it forever.
 */
export type UnitOfWork = <T>(work: (tx: ConsensusTransaction) => Promise<T>) => Promise<T>;

export function sqlUnitOfWork(sql: SqlClient): UnitOfWork {
  return (work) =>
    sql.transaction((tx) => {
      const joined = tx;
      return work({
        consensus: createSqlConsensusRepository(joined),
        cases: createSqlCaseRepository(joined),
        sql: joined,
      });
    });
}
