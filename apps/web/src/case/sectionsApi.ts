import type { CreateSectionInput, Section, UpdateSectionInput } from '@samraad/schema';
import { request, sendJson } from '../api/client.js';

const id = encodeURIComponent;

/** The secretariat's changes to a case's sections; a change around locked consensus answers 409. */
export function createSection(caseId: string, input: CreateSectionInput): Promise<Section> {
  return request(`/api/cases/${id(caseId)}/sections`, sendJson('POST', input));
}

export function updateSection(caseId: string, sectionId: string, patch: UpdateSectionInput): Promise<Section> {
  return request(`/api/cases/${id(caseId)}/sections/${id(sectionId)}`, sendJson('PATCH', patch));
}

export function deleteSection(caseId: string, sectionId: string): Promise<void> {
  return request(`/api/cases/${id(caseId)}/sections/${id(sectionId)}`, { method: 'DELETE' });
}
