import type { SectionVersion, SectionVersionDetail, VersionDiff } from '@samraad/schema';
import { request, sendJson } from '../api/client.js';

// The version history of one section, as the server's versions router serves it.

const id = encodeURIComponent;
const base = (caseId: string, sectionId: string) => `/api/cases/${id(caseId)}/sections/${id(sectionId)}/versions`;

/** Every version of the section, newest first (automatic and named). */
export function fetchVersions(caseId: string, sectionId: string, signal?: AbortSignal): Promise<SectionVersion[]> {
  return request(base(caseId, sectionId), { signal });
}

/** Stores the section as it is now under a name the user chose. */
export function saveNamedVersion(caseId: string, sectionId: string, label: string): Promise<SectionVersion> {
  return request(base(caseId, sectionId), sendJson('POST', { label }));
}

/** One version with its text as paragraphs and lists, for reading without an editor. */
export function fetchVersion(
  caseId: string,
  sectionId: string,
  versionId: string,
  signal?: AbortSignal,
): Promise<SectionVersionDetail> {
  return request(`${base(caseId, sectionId)}/${id(versionId)}`, { signal });
}

/** Words added and removed going from `fromId` to `toId`, and who edited in between. */
export function fetchVersionDiff(
  caseId: string,
  sectionId: string,
  fromId: string,
  toId: string,
  signal?: AbortSignal,
): Promise<VersionDiff> {
  const query = new URLSearchParams({ from: fromId, to: toId });
  return request(`${base(caseId, sectionId)}/diff?${query}`, { signal });
}

/**
 * Puts an old version back into the live section as a new change (history is not rewritten).
 * The server refuses it in a locked section or for someone who may not write; the refusal
 * arrives as an ApiRequestError carrying the server's Norwegian message.
 */
export function restoreVersion(caseId: string, sectionId: string, versionId: string): Promise<SectionVersion> {
  return request(`${base(caseId, sectionId)}/${id(versionId)}/restore`, { method: 'POST' });
}
