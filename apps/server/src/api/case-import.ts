import { MAX_IMPORT_BYTES, decideCaseManagement, type CaseImportPreview } from '@samraad/schema';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import { readWordPaper } from '../case-import/word-paper.js';
import { Forbidden, InvalidInput, NotFound, TooLarge } from '../errors/domain-errors.js';
import { actorFor } from './access.js';

/** Room for the form's own lines around the file. */
const FORM_OVERHEAD = 64 * 1024;
const tooLarge = () =>
  new TooLarge(`filen er for stor; et Word-dokument kan være på høyst ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);

/**
 * POST /api/communities/:communityId/cases/import/preview, a multipart form with `file` (.docx):
 * the case the paper describes (header fields and sections with their text), for the
 * secretariat to review. Nothing is stored; the reviewed case is created through the ordinary
 * POST …/cases, which takes the sections' text. Only those who may create cases may upload,
 * and they are refused before the file is read.
 */
export function caseImportRouter(cases: CaseRepository) {
  return new Hono<AuthEnv>().post(
    '/:communityId/cases/import/preview',
    async (c, next) => {
      const communityId = c.req.param('communityId');
      const actor = actorFor(c, communityId);
      if (!actor || !(await cases.getCommunity(communityId))) throw new NotFound('Helsefellesskapet');
      if (!decideCaseManagement(actor).allowed) throw Forbidden.saying('bare sekretariatet kan opprette saker');
      await next();
    },
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES + FORM_OVERHEAD,
      onError: () => {
        throw tooLarge();
      },
    }),
    async (c) => {
      let file: unknown;
      try {
        file = (await c.req.parseBody())['file'];
      } catch {
        throw new InvalidInput('send Word-dokumentet som skjemafeltet «file»');
      }
      if (!(file instanceof File)) throw new InvalidInput('send Word-dokumentet som skjemafeltet «file»');
      if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
      const preview: CaseImportPreview = await readWordPaper(new Uint8Array(await file.arrayBuffer()));
      return c.json(preview);
    },
  );
}
