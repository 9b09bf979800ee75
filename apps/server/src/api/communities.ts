import {
  CreateCaseInputSchema,
  decideCaseManagement,
  decideSectionChange,
  defaultSectionsFor,
  hospitalNameOf,
  type CreateCaseInput,
  type CreateSectionInput,
  type Section,
} from '@samraad/schema';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { Storage } from '../db/storage.js';
import { createNumberedCase } from '../cases/case-numbers.js';
import { startingContent } from '../sections/content.js';
import { actorFor } from './access.js';
import { Conflict, Forbidden, NotFound, TooLarge } from '../errors/domain-errors.js';
import { jsonBody } from './validate.js';

const MAX_CREATE_BYTES = 16 * 1024 * 1024;
const tooLarge = (): never => {
  throw new TooLarge('saken med teksten i delene er for stor (høyst 16 MB)');
};

export function communitiesRouter(cases: CaseRepository, sql: Storage) {
  return (
    new Hono<AuthEnv>()
      .get('/', async (c) => {
        const mine = new Set(c.get('viewer')!.memberships.map((m) => m.communityId));
        return c.json((await cases.listCommunities()).filter((community) => mine.has(community.id)));
      })
      .get('/:communityId', async (c) => {
        const communityId = c.req.param('communityId');
        const community = actorFor(c, communityId) ? await cases.getCommunity(communityId) : null;
        if (!community) throw new NotFound('Helsefellesskapet');
        return c.json(community);
      })
      .get('/:communityId/cases', async (c) => {
        const communityId = c.req.param('communityId');
        if (!actorFor(c, communityId) || !(await cases.getCommunity(communityId)))
          throw new NotFound('Helsefellesskapet');
        return c.json(await cases.listCases(communityId, { withoutMinutes: true }));
      })
      // A case may bring its sections' text (an imported paper's): larger than other bodies, never unbounded.
      .post(
        '/:communityId/cases',
        bodyLimit({ maxSize: MAX_CREATE_BYTES, onError: tooLarge }),
        jsonBody(CreateCaseInputSchema),
        async (c) => {
          const communityId = c.req.param('communityId');
          const actor = actorFor(c, communityId);
          const community = actor ? await cases.getCommunity(communityId) : null;
          if (!actor || !community) throw new NotFound('Helsefellesskapet');
          if (!decideCaseManagement(actor).allowed) throw Forbidden.saying('bare sekretariatet kan opprette saker');
          const input = c.req.valid('json');
          const sections: CreateCaseInput['sections'] =
            input.sections ?? defaultSectionsFor(input.kind, hospitalNameOf(community));
          if (hasSecondConsensusSection(sections)) {
            throw new Conflict('second-consensus-section');
          }
          // Number and reference, when not given, are the next free ones (see createNumberedCase).
          const createdBy = c.get('viewer')!.user.id;
          const created = await createNumberedCase(sql, {
            ...input,
            sections: sections.map(({ content, ...section }) => ({
              ...section,
              createdBy,
              ...(content ? { content: startingContent(content) } : {}),
            })),
            communityId,
          });
          return c.json(created, 201);
        },
      )
  );
}

/**
 * Whether the listed sections break the rule for adding sections one by one. Asked of the
 * same rule the sections API uses; a new case has nothing locked, so only the one-wording
 * rule can refuse.
 */
function hasSecondConsensusSection(sections: readonly CreateSectionInput[]): boolean {
  const added: Section[] = [];
  for (const [index, input] of sections.entries()) {
    if (!decideSectionChange(added, new Set(), { type: 'create', input }).allowed) return true;
    added.push({ ...input, id: `s${index}`, caseId: 'new', position: index });
  }
  return false;
}
