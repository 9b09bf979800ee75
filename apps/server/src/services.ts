import { createSqlAuditLog, type AuditLog } from './audit/audit-log.js';
import { createPasswordIdentityProvider, type IdentityProvider } from './auth/identity-provider.js';
import { createSqlInvitationStore, type InvitationStore } from './auth/invitation-store.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { createSqlSessionStore, type SessionStore } from './auth/session-store.js';
import type { CaseRepository } from './cases/case-repository.js';
import type { CommentRepository } from './comments/comment-repository.js';
import { createSqlCommentRepository } from './comments/sql-comment-repository.js';
import { CaseEvents } from './events/case-events.js';
import { createSqlCaseRepository } from './cases/sql-case-repository.js';
import type { Storage } from './db/storage.js';
import { createSqlMetaStore, type MetaStore } from './meta/meta-store.js';
import type { Fanout } from './fanout/fanout.js';
import type { DocumentStore } from './persistence/document-store.js';
import { createSqlDocumentStore } from './persistence/sql-document-store.js';
import { SearchService } from './search/search-service.js';
import { SectionTextIndex } from './search/section-text-index.js';
import { OverviewService } from './overview/overview-service.js';
import { createSqlMeetingRepository, type MeetingRepository } from './meetings/meeting-repository.js';
import { createSqlDeclarationRepository, type DeclarationRepository } from './declarations/declaration-repository.js';
import { RoomRegistry } from './rooms/room-registry.js';
import type { PresenceLimits } from './rooms/room-presence.js';
import type { RoomObserver } from './rooms/room-observer.js';
import { createSqlUserRepository } from './users/sql-user-repository.js';
import { WriterEpoch, bumpingWriterEpoch } from './ws/socket-access.js';
import { OpenSockets, type SocketLimits } from './ws/open-sockets.js';
import { SocketRevocations, revokingMembershipChanges, revokingSessions } from './ws/socket-revocations.js';
import { DEFAULT_MAX_SOCKETS_PER_SESSION, DEFAULT_MAX_SOCKETS_PER_USER } from './config.js';
import type { UserRepository } from './users/user-repository.js';
import type { ConsensusRepository } from './consensus/consensus-repository.js';
import { ConsensusService, requireApprover } from './consensus/consensus-service.js';
import { createSqlConsensusRepository, isRoomSealed } from './consensus/sql-consensus-repository.js';
import { VersionService } from './versions/version-service.js';
import { ProposalService } from './proposals/proposal-service.js';
import { createSqlPublicationRepository, type PublicationRepository } from './publication/publication-repository.js';
import { PublicationService } from './publication/publication-service.js';
import { sqlSealingUnitOfWork, sqlUnitOfWork } from './consensus/unit-of-work.js';
import { sectionSeal } from './publication/section-seal.js';
import { EditingSessions } from './versions/editing-sessions.js';
import { DEFAULT_MAIL_FROM, DEFAULT_SESSION_QUIET_MS } from './config.js';
import { NotificationStore } from './notifications/notification-store.js';
import { Notifier } from './notifications/notifier.js';
import { CaseNotices } from './notifications/case-notices.js';
import { MailOutbox } from './mail/outbox.js';

/** Everything the HTTP and WebSocket handlers need, built once per process. */
export interface Services {
  sql: Storage;
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
  /** Every password check (login, invitation, password change) passes through this. */
  loginThrottle: LoginThrottle;
  rooms: RoomRegistry;
  consensus: ConsensusRepository;
  consensusService: ConsensusService;
  versions: VersionService;
  proposals: ProposalService;
  publications: PublicationRepository;
  publication: PublicationService;
  meetings: MeetingRepository;
  declarations: DeclarationRepository;
  search: SearchService;
  overview: OverviewService;
  /** Bumped by owner and membership changes, so open connections re-read who may write. */
  writerEpoch: WriterEpoch;
  /** Every section socket on this instance, capped per session and person. */
  openSockets: OpenSockets;
  /** Closes sockets on every instance when a session ends or a membership changes. */
  revocations: SocketRevocations;
  notifications: NotificationStore;
  notifier: Notifier;
  /** Who is told what, per fact; the services write it in each fact's own transaction. */
  notices: CaseNotices;
  outbox: MailOutbox;
  /** Where links in mail point; server.ts sets it once it knows its address (or PUBLIC_URL). */
  mailLinks: { baseUrl: string; from: string; mailQueued: () => void };
}

export function createServices(
  sql: Storage,
  options: {
    compactAfterUpdates: number;
    invitationTtlMs: number;
    sessionTtlMs?: number;
    fanout?: Fanout;
    maxDocumentBytes?: number;
    socketLimits?: SocketLimits;
    presenceLimits?: PresenceLimits;
    editingSessionQuietMs?: number;
    roomObserver?: RoomObserver;
  },
): Services {
  // Appends check the consensus lock in their own transaction, so sealing is exact across instances.
  const documents = createSqlDocumentStore(sql, { isSealed: isRoomSealed });
  const writerEpoch = new WriterEpoch();
  const openSockets = new OpenSockets(
    options.socketLimits ?? { perSession: DEFAULT_MAX_SOCKETS_PER_SESSION, perUser: DEFAULT_MAX_SOCKETS_PER_USER },
  );
  const revocations = new SocketRevocations(openSockets, options.fanout);
  const { cases, users } = bumpingWriterEpoch(
    createSqlCaseRepository(sql),
    revokingMembershipChanges(createSqlUserRepository(sql), revocations),
    writerEpoch,
  );
  const audit = createSqlAuditLog(sql);
  const sectionTexts = new SectionTextIndex(sql, documents);
  const caseEvents = new CaseEvents(options.fanout, sql);
  const notifications = new NotificationStore(sql);
  const mailLinks = { baseUrl: 'http://localhost', from: DEFAULT_MAIL_FROM, mailQueued: () => {} };
  const notifier = new Notifier(sql, notifications, caseEvents, {
    baseUrl: () => mailLinks.baseUrl,
    mailQueued: () => mailLinks.mailQueued(),
  });
  const consensus = createSqlConsensusRepository(sql);
  const notices = new CaseNotices({
    notifier,
    readsIn: (tx) => ({
      cases: createSqlCaseRepository(tx),
      users: createSqlUserRepository(tx),
      consensus: createSqlConsensusRepository(tx),
    }),
  });
  const base = {
    sql,
    meta: createSqlMetaStore(sql),
    cases,
    documents,
    users,
    sessions: revokingSessions(
      createSqlSessionStore(sql, () => new Date(), options.sessionTtlMs),
      revocations,
    ),
    invitations: createSqlInvitationStore(sql, () => new Date(), options.invitationTtlMs),
    audit,
    comments: createSqlCommentRepository(sql),
    caseEvents,
    notices,
    identity: createPasswordIdentityProvider(users),
    loginThrottle: new LoginThrottle(),
    rooms: new RoomRegistry(documents, {
      compactAfterUpdates: options.compactAfterUpdates,
      audit,
      fanout: options.fanout,
      maxDocumentBytes: options.maxDocumentBytes,
      presenceLimits: options.presenceLimits,
      observer: options.roomObserver,
      // Kept per room while unsealed; another instance's lock or publication is announced as
      // a case event, and the append's fence refuses what slips in before that notice.
      seals: {
        read: ({ caseId, sectionId }) => sectionSeal(sql, caseId, sectionId),
        watch: (caseId, changed) => caseEvents.subscribe(caseId, changed),
      },
    }),
  };
  const versions = new VersionService({ ...base, consensus });
  const sessions = new EditingSessions(versions, options.editingSessionQuietMs ?? DEFAULT_SESSION_QUIET_MS);
  const publications = createSqlPublicationRepository(sql);
  const publication = new PublicationService({
    ...base,
    publications,
    versions,
    requireApprover: async (found, acting) => {
      await requireApprover(consensus, found, acting);
    },
  });
  const consensusService = new ConsensusService({
    ...base,
    consensus,
    versions,
    publication,
    unitOfWork: sqlUnitOfWork(sql),
    sealing: sqlSealingUnitOfWork(documents),
  });
  const search = new SearchService({ storage: sql, cases: base.cases, index: sectionTexts });
  const meetings = createSqlMeetingRepository(sql);
  const overview = new OverviewService({ storage: sql, cases: base.cases, audit, meetings });
  // The services that react to accepted changes work through the rooms, so they subscribe last.
  base.rooms.listen({
    onChanged: async (room, authors) => {
      sectionTexts.changed(room.sectionId.caseId, room.sectionId.sectionId, room.doc);
      sessions.changed(room, authors);
      await consensusService.onSectionChanged(room);
    },
    onIdle: (room) => sessions.end(room),
  });
  return {
    ...base,
    consensus,
    consensusService,
    versions,
    proposals: new ProposalService({ ...base, consensus, versions }),
    publications,
    publication,
    search,
    overview,
    meetings,
    declarations: createSqlDeclarationRepository(sql),
    writerEpoch,
    openSockets,
    revocations,
    notifications,
    notifier,
    outbox: new MailOutbox(sql),
    mailLinks,
  };
}
