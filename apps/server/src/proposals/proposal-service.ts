import {
  decideProposal,
  decideProposalDecision,
  sectionRoomName,
  type Case,
  type CommentAnchor,
  type CommentThread,
  type Decision,
} from '@samraad/schema';
import type { CaseRepository } from '../cases/case-repository.js';
import type { CommentRepository } from '../comments/comment-repository.js';
import type { Acting } from '../consensus/consensus-service.js';
import type { ConsensusRepository } from '../consensus/consensus-repository.js';
import { loadSection } from '../consensus/section-state.js';
import { Conflict, Forbidden, InvalidInput, NotFound } from '../errors/domain-errors.js';
import { DocumentSealed, type DocumentStore } from '../persistence/document-store.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { VersionService } from '../versions/version-service.js';
import { anchoredWords, replaceWords } from './proposal-text.js';

export interface ProposalDependencies {
  cases: CaseRepository;
  comments: CommentRepository;
  consensus: ConsensusRepository;
  documents: DocumentStore;
  rooms: RoomRegistry;
  versions: VersionService;
}

export interface NewProposal {
  sectionId: string;
  anchor: CommentAnchor;
  quote: string;
  replacement: string;
  body?: string;
  mentions: string[];
}

/** A refusal by the shared rule, as the domain error the API answers with. */
function refuse(decision: Decision & { allowed: false }): never {
  if (decision.reason === 'locked' || decision.reason === 'published') throw new Conflict(decision.reason);
  throw Forbidden.because(decision.reason);
}

/** The label of the version an accepted proposal leaves, naming who proposed and who accepted. */
export function acceptedProposalLabel(proposer: string, accepter: string): string {
  return `Forslag fra ${proposer} godtatt av ${accepter}`;
}

/**
 * Proposals ("Foreslå endring"): comment threads that ask for their quote to be replaced.
 * Making one writes nothing into the text, so it needs only the right to comment and leaves
 * approvals alone. Accepting one is a write by the accepter, made here on the server through
 * the room like a restore: checked by the section's write rule and seal between two messages,
 * stored before it is relayed, and followed by the room's usual reactions (consensus voids
 * approvals of a changed wording and tells the sides, the editing session notes its author).
 */
export class ProposalService {
  constructor(private readonly deps: ProposalDependencies) {}

  /**
   * Checks a new proposal against the stored text and returns the write that makes it, for the
   * caller to run in the transaction that also writes its notices (the checks read outside it).
   */
  async prepare(
    found: Case,
    acting: Acting,
    input: NewProposal,
  ): Promise<(comments: CommentRepository) => Promise<CommentThread>> {
    const allowed = decideProposal(acting.actor);
    if (!allowed.allowed) refuse(allowed);
    if (!(await this.deps.cases.getSection(found.id, input.sectionId))) throw new NotFound('Delen');
    if (input.replacement === input.quote) throw new InvalidInput('forslaget er likt teksten det skal erstatte');
    // The anchor must cover exactly the quoted words of one paragraph now, or accepting it later
    // could not say what it replaces. The stored document is what everyone has seen.
    const doc = await loadSection(this.deps.documents, found.id, input.sectionId);
    try {
      const anchored = anchoredWords(doc, input.anchor);
      if (!anchored) throw new InvalidInput('et forslag må gjelde tekst innenfor ett avsnitt');
      if (anchored.words !== input.quote) throw new Conflict('proposal_stale');
    } finally {
      doc.destroy();
    }
    return (comments) =>
      comments.createThread({
        caseId: found.id,
        sectionId: input.sectionId,
        anchor: input.anchor,
        quote: input.quote,
        authorId: acting.userId,
        body: input.body,
        mentions: input.mentions,
        proposal: { replacement: input.replacement },
      });
  }

  /** Accepts or rejects an open proposal; the thread as it stands afterwards. */
  async decide(thread: CommentThread, decision: 'accepted' | 'rejected', acting: Acting): Promise<CommentThread> {
    if (!thread.proposal) throw new NotFound('Forslaget');
    const section = await this.deps.cases.getSection(thread.caseId, thread.sectionId);
    if (!section) throw new NotFound('Delen');
    if (thread.proposal.status !== 'open') throw new Conflict('proposal_closed');
    if (decision === 'rejected') {
      const allowed = decideProposalDecision(acting.actor, section.owner, 'rejected');
      if (!allowed.allowed) refuse(allowed);
      await this.record(thread.id, 'rejected', acting);
    } else {
      await this.accept(thread, section.owner, acting);
    }
    return (await this.deps.comments.getThread(thread.id))!;
  }

  private async record(threadId: string, decision: 'accepted' | 'rejected', acting: Acting): Promise<void> {
    if (!(await this.deps.comments.decideProposal(threadId, decision, acting.userId))) {
      throw new Conflict('proposal_closed');
    }
  }

  private async accept(thread: CommentThread, owner: Parameters<typeof decideProposalDecision>[1], acting: Acting) {
    const { caseId, sectionId } = thread;
    const proposal = thread.proposal!;
    await this.deps.rooms.withRoom(sectionRoomName({ caseId, sectionId }), async (room) => {
      // Decided here, between two messages of the room, so no lock or edit slips in between.
      const allowed = decideProposalDecision(
        acting.actor,
        owner,
        'accepted',
        await this.deps.consensus.seal(caseId, sectionId),
      );
      if (!allowed.allowed) refuse(allowed);
      // Text changed under the proposal is not overwritten: what it would replace is no longer
      // what the proposer saw. It can still be discussed and rejected, or proposed again.
      const anchored = anchoredWords(room.doc, thread.anchor);
      if (!anchored || anchored.words !== thread.quote) throw new Conflict('proposal_stale');
      // Claimed before it is applied: of two instances accepting at once only one writes the
      // replacement (written twice, Yjs would keep both insertions). The claim is taken back
      // if the change is refused after all.
      await this.record(thread.id, 'accepted', acting);
      try {
        await room.change({ userId: acting.userId, name: acting.name }, () =>
          replaceWords(anchored, proposal.replacement),
        );
      } catch (error) {
        await this.deps.comments.releaseAcceptedProposal(thread.id, acting.userId);
        if (error instanceof DocumentSealed) throw new Conflict('locked');
        throw error;
      }
      await this.deps.versions.record(
        caseId,
        sectionId,
        room.doc,
        acceptedProposalLabel(proposal.proposedByName, acting.name),
        acting.userId,
      );
    });
  }
}
