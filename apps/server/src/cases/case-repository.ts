import type {
  Case,
  Community,
  CommunityWithOrganisations,
  CreateSectionInput,
  Organisation,
  Section,
  UpdateCaseInput,
  UpdateSectionInput,
} from '@samraad/schema';
import { Conflict } from '../errors/domain-errors.js';

export type NewCase = Omit<Case, 'id'> & { id?: string };
/**
 * `content`: the text the section starts with (a Yjs update), for its first version; the
 * caller writes the same into the document store. `createdBy`: who created it (null: Samråd).
 */
export type NewSection = CreateSectionInput & { id?: string; createdBy?: string | null; content?: Uint8Array };

/** Communities, cases and their section outlines: everything but the section text. */
export interface CaseRepository {
  isEmpty(): Promise<boolean>;
  saveCommunity(community: Community, organisations: Organisation[]): Promise<void>;
  listCommunities(): Promise<Community[]>;
  getCommunity(id: string): Promise<CommunityWithOrganisations | null>;
  /** `withoutMinutes`: leave out the meetings' minutes, for the list of ordinary cases. */
  listCases(communityId: string, options?: { withoutMinutes?: boolean }): Promise<Case[]>;
  getCase(id: string): Promise<Case | null>;
  createCase(input: NewCase): Promise<Case>;
  updateCase(id: string, patch: UpdateCaseInput): Promise<Case | null>;
  /** Moves the case to `status` in one statement; the caller has checked the move. */
  setStatus(id: string, status: Case['status']): Promise<void>;
  listSections(caseId: string): Promise<Section[]>;
  getSection(caseId: string, sectionId: string): Promise<Section | null>;
  createSection(caseId: string, input: NewSection): Promise<Section>;
  updateSection(caseId: string, sectionId: string, patch: UpdateSectionInput): Promise<Section | null>;
  deleteSection(caseId: string, sectionId: string): Promise<boolean>;
}

/** Thrown when a write would break a uniqueness rule: a Conflict, answered 409 "conflict" with what collided. */
export class ConflictError extends Conflict {
  constructor(message: string) {
    super('conflict', message);
  }
}
