import { createSqlAuditLog, type AuditLog } from './audit/audit-log.js';
import { createPasswordIdentityProvider, type IdentityProvider } from './auth/identity-provider.js';
import { createSqlInvitationStore, type InvitationStore } from './auth/invitation-store.js';
import { LoginRateLimit } from './auth/login-rate-limit.js';
import { createSqlSessionStore, type SessionStore } from './auth/session-store.js';
import type { CaseRepository } from './cases/case-repository.js';
import type { CommentRepository } from './comments/comment-repository.js';
import { createSqlCommentRepository } from './comments/sql-comment-repository.js';
import { CaseEvents } from './events/case-events.js';
import { createSqlCaseRepository } from './cases/sql-case-repository.js';
import type { SqlClient } from './db/sql-client.js';
import { createSqlMetaStore, type MetaStore } from './meta/meta-store.js';
import type { Fanout } from './fanout/fanout.js';
import type { DocumentStore } from './persistence/document-store.js';
import { createSqlDocumentStore } from './persistence/sql-document-store.js';
import { SearchService } from './search/search-service.js';
import { SectionTextIndex } from './search/section-text-index.js';
import { OverviewService } from './overview/overview-service.js';
import { createSqlMeetingRepository } from './meetings/meeting-repository.js';
import { RoomRegistry } from './rooms/room-registry.js';
import type { RoomObserver } from './rooms/room-observer.js';
import { createSqlUserRepository } from './users/sql-user-repository.js';
import { WriterEpoch, bumpingWriterEpoch } from './ws/socket-access.js';
import type { UserRepository } from './users/user-repository.js';
import type { ConsensusRepository } from './consensus/consensus-repository.js';
import { ConsensusService } from './consensus/consensus-service.js';
import { createSqlConsensusRepository, isRoomSealed } from './consensus/sql-consensus-repository.js';
import { VersionService } from './consensus/version-service.js';

/** Everything the HTTP and WebSocket handlers need, built once per process. */
export interface Services {
  sql: SqlClient;
  meta: MetaStore;
  cases: CaseRepository;
  documents: DocumentStore;
  users: UserRepository;
  sessions: SessionStore;
  invitations: InvitationStore;
  audit: AuditLog;
  comments: CommentRepository;
  caseEvents: CaseEvents;
  identity: IdentityProvider;
  /** Per account: few guesses. Per address: more, since many people share an office NAT. */
  rateLimit: { account: LoginRateLimit; address: LoginRateLimit };
  rooms: RoomRegistry;
  consensus: ConsensusRepository;
  consensusService: ConsensusService;
  versions: VersionService;
  search: SearchService;
  overview: OverviewService;
  /** Bumped by owner and membership changes, so open connections re-read who may write. */
  writerEpoch: WriterEpoch;
}

export function createServices(
  sql: SqlClient,
  options: { compactAfterUpdates: number; invitationTtlMs: number; fanout?: Fanout; maxDocumentBytes?: number; roomObserver?: RoomObserver },
): Services {
  // Appends check the consensus lock in their own transaction, so sealing is exact across instances.
  const documents = createSqlDocumentStore(sql, { isSealed: isRoomSealed });
  const writerEpoch = new WriterEpoch();
  const { cases, users } = bumpingWriterEpoch(createSqlCaseRepository(sql), createSqlUserRepository(sql), writerEpoch);
  const audit = createSqlAuditLog(sql);
  // The rooms' change hook and the consensus service need each other: bound once both exist.
  let consensusService: ConsensusService | null = null;
  const sectionTexts = new SectionTextIndex(sql, documents);
  const base = {
    sql,
    meta: createSqlMetaStore(sql),
    cases,
    documents,
    users,
    sessions: createSqlSessionStore(sql),
    invitations: createSqlInvitationStore(sql, () => new Date(), options.invitationTtlMs),
    audit,
    comments: createSqlCommentRepository(sql),
    caseEvents: new CaseEvents(options.fanout),
    identity: createPasswordIdentityProvider(users),
    rateLimit: { account: new LoginRateLimit(5), address: new LoginRateLimit(50) },
    rooms: new RoomRegistry(documents, {
      compactAfterUpdates: options.compactAfterUpdates,
      audit,
      onChanged: async (room) => {
        sectionTexts.changed(room.sectionId.caseId, room.sectionId.sectionId, room.doc);
        await consensusService?.onSectionChanged(room);
      },
      fanout: options.fanout,
      maxDocumentBytes: options.maxDocumentBytes,
      observer: options.roomObserver,
    }),
  };
  const consensus = createSqlConsensusRepository(sql);
  const versions = new VersionService({ ...base, consensus });
  consensusService = new ConsensusService({ ...base, consensus, versions });
  const search = new SearchService({ sql, cases: base.cases, index: sectionTexts });
  const overview = new OverviewService({ sql, cases: base.cases, audit, meetings: createSqlMeetingRepository(sql) });
  return { ...base, consensus, consensusService, versions, search, overview, writerEpoch };
}
