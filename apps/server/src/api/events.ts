import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { CaseEvents } from '../events/case-events.js';
import { streamCaseEvents } from '../events/case-event-stream.js';
import { readableCase } from './access.js';
import { NotFound } from '../errors/domain-errors.js';

export interface CaseEventDependencies {
  cases: CaseRepository;
  caseEvents: CaseEvents;
}

/** The live stream of changes per case, for whoever may read the case. */
export function caseEventsRouter({ cases, caseEvents }: CaseEventDependencies) {
  return new Hono<AuthEnv>().get('/cases/:caseId/events', async (c) => {
    const readable = await readableCase(c, cases, c.req.param('caseId'));
    if (!readable) throw new NotFound('Saken');
    return streamCaseEvents(c, caseEvents, readable.found.id);
  });
}
