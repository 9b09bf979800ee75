import type { SectionVersion, SectionVersionDetail, VersionDiff } from '@samraad/schema';
import { api, call, callWithNodes, cancelledBy, id } from '../api/client.js';

// The version history of one section, as the server's versions router serves it.

const versions = api.cases[':caseId'].sections[':sectionId'].versions;
const param = (caseId: string, sectionId: string) => ({ caseId: id(caseId), sectionId: id(sectionId) });

/** Every version of the section, newest first (automatic and named). */
export function fetchVersions(caseId: string, sectionId: string, signal?: AbortSignal): Promise<SectionVersion[]> {
  return call(versions.$get({ param: param(caseId, sectionId) }, cancelledBy(signal)), signal);
}

/** Stores the section as it is now under a name the user chose. */
export function saveNamedVersion(caseId: string, sectionId: string, label: string): Promise<SectionVersion> {
  return call(versions.$post({ param: param(caseId, sectionId), json: { label } }));
}

/** One version with its text as paragraphs and lists, for reading without an editor. */
export function fetchVersion(
  caseId: string,
  sectionId: string,
  versionId: string,
  signal?: AbortSignal,
): Promise<SectionVersionDetail> {
  return callWithNodes(
    versions[':versionId'].$get(
      { param: { ...param(caseId, sectionId), versionId: id(versionId) } },
      cancelledBy(signal),
    ),
    signal,
  );
}

/** Words added and removed going from `fromId` to `toId`, and who edited in between. */
export function fetchVersionDiff(
  caseId: string,
  sectionId: string,
  fromId: string,
  toId: string,
  signal?: AbortSignal,
): Promise<VersionDiff> {
  return call(
    versions.diff.$get({ param: param(caseId, sectionId), query: { from: fromId, to: toId } }, cancelledBy(signal)),
    signal,
  );
}

/**
 * Puts an old version back into the live section as a new change (history is not rewritten).
 * The server refuses it in a locked section or for someone who may not write; the refusal
 * arrives as an ApiRequestError carrying the server's Norwegian message.
 */
export function restoreVersion(caseId: string, sectionId: string, versionId: string): Promise<SectionVersion> {
  return call(
    versions[':versionId'].restore.$post({ param: { ...param(caseId, sectionId), versionId: id(versionId) } }),
  );
}
