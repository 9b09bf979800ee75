import type { CreateSectionInput, Section, UpdateSectionInput } from '@samraad/schema';
import { api, call, callWithoutAnswer, id } from '../api/client.js';

const sections = api.cases[':caseId'].sections;

/** The secretariat's changes to a case's sections; a change around locked consensus answers 409. */
export function createSection(caseId: string, input: CreateSectionInput): Promise<Section> {
  return call(sections.$post({ param: { caseId: id(caseId) }, json: input }));
}

export function updateSection(caseId: string, sectionId: string, patch: UpdateSectionInput): Promise<Section> {
  return call(sections[':sectionId'].$patch({ param: { caseId: id(caseId), sectionId: id(sectionId) }, json: patch }));
}

export function deleteSection(caseId: string, sectionId: string): Promise<void> {
  return callWithoutAnswer(sections[':sectionId'].$delete({ param: { caseId: id(caseId), sectionId: id(sectionId) } }));
}
