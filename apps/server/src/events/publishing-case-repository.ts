import type { CaseRepository } from '../cases/case-repository.js';
import type { CaseEvents } from './case-events.js';

/**
 * The case repository as the secretariat's REST routes use it: every change to a case's
 * header or its list of sections is also published to the case's event stream, so everyone
 * with the case open sees it without reloading. The whole list is sent, read after the
 * change, because a page needs the order and the titles together to draw the paper.
 */
export function publishingCaseChanges(cases: CaseRepository, events: CaseEvents): CaseRepository {
  const publishSections = async (caseId: string) =>
    events.publish(caseId, { type: 'sections', data: await cases.listSections(caseId) });
  return {
    ...cases,
    async updateCase(id, patch) {
      const updated = await cases.updateCase(id, patch);
      if (updated) events.publish(id, { type: 'case', data: updated });
      return updated;
    },
    async createSection(caseId, input) {
      const created = await cases.createSection(caseId, input);
      await publishSections(caseId);
      return created;
    },
    async updateSection(caseId, sectionId, patch) {
      const updated = await cases.updateSection(caseId, sectionId, patch);
      if (updated) await publishSections(caseId);
      return updated;
    },
    async deleteSection(caseId, sectionId) {
      const deleted = await cases.deleteSection(caseId, sectionId);
      if (deleted) await publishSections(caseId);
      return deleted;
    },
  };
}
