import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import { publishingCaseChanges } from '../events/publishing-case-repository.js';
import type { Services } from '../services.js';
import { authRouter } from './auth.js';
import { caseImportRouter } from './case-import.js';
import { casesRouter } from './cases.js';
import { commentsRouter } from './comments.js';
import { caseEventsRouter } from './events.js';
import { notificationsRouter } from './notifications.js';
import { mailboxRouter } from './dev-mailbox.js';
import { calendarRouters } from './calendar.js';
import { communitiesRouter } from './communities.js';
import { consensusRouter } from './consensus.js';
import { declarationsRouter } from './declarations.js';
import { exportRouter } from './export.js';
import { invitationsRouter } from './invitations.js';
import { meetingsRouter } from './meetings.js';
import { overviewRouter } from './overview.js';
import { publicRouter } from './public.js';
import { proposalsRouter } from './proposals.js';
import { publicationRouter } from './publication.js';
import { searchRouter } from './search.js';
import { versionsRouter } from './versions.js';

/**
 * Every REST route under /api, as one chained router: its type (AppType) is the contract the
 * web app's typed client (hc<AppType>) is checked against, so a changed path, body or answer
 * breaks the web build rather than a user's request. Sessions are required by the app (see
 * createApp) for every prefix but /public, /auth and /invitations.
 */
export function apiRoutes(services: Services) {
  const { cases } = services;
  // Declarations and the case papers (export, public page) read the same sources.
  const papers = services;
  // Header and section changes made here reach everyone with the case open (see publishingCaseChanges).
  // A signed declaration's sealed sections may not be renamed, re-owned or deleted either.
  const structureLocks = {
    locks: async (caseId: string) => {
      const [locks, seal] = await Promise.all([services.consensus.locks(caseId), papers.declarations.seal(caseId)]);
      const sealed = (seal?.sections ?? []).map((s) => ({
        sectionId: s.sectionId,
        lockedAt: seal!.sealedAt,
        contentHash: seal!.contentHash,
      }));
      return [...locks, ...sealed];
    },
  };
  const calendars = calendarRouters(services);
  return (
    new Hono<AuthEnv>()
      .route('/public', publicRouter(papers))
      .route('/auth', authRouter(services))
      .route('/invitations', invitationsRouter(services))
      // Comment routes span cases, threads and comments; mounted first so their paths win.
      .route('/', commentsRouter(services))
      .route('/', proposalsRouter(services))
      .route('/', caseEventsRouter(services))
      .route('/', consensusRouter(services))
      .route('/', publicationRouter(services))
      .route('/', versionsRouter(services))
      .route('/', exportRouter(papers))
      .route('/', declarationsRouter(papers))
      .route('/', meetingsRouter(services))
      .route('/search', searchRouter(services))
      .route('/me', overviewRouter(services))
      .route('/me', notificationsRouter(services))
      .route('/me', calendars.own)
      // The feed is opened by calendar programs with the secret in its address, not a session.
      .route('/calendar', calendars.feed)
      .route('/dev-mailbox', mailboxRouter(services.outbox))
      .route('/communities', caseImportRouter(cases))
      .route('/communities', communitiesRouter(cases, services.sql))
      .route(
        '/cases',
        casesRouter(
          publishingCaseChanges(cases, services.caseEvents),
          services.audit,
          structureLocks,
          services.publications,
        ),
      )
  );
}

/** The REST API's routes, inputs and answers, for the web app's typed client (type only; no server code). */
export type AppType = ReturnType<typeof apiRoutes>;
