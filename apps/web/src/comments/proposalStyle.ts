import type { CommentThread } from '@samraad/schema';
import { PERSON_COLOURS, colourForName } from '../identity/colour.js';
import styles from './Proposal.module.css';

export { styles as proposalStyles };

/**
 * The class that gives a proposal its proposer's colour: the colour of their caret, keyed by
 * their account id as presence keys it. A class, not an inline style, since the
 * Content-Security-Policy allows no style attributes.
 */
export function proposerColourClass(thread: Pick<CommentThread, 'createdBy'>): string {
  const index = PERSON_COLOURS.indexOf(colourForName(thread.createdBy));
  return styles[`colour${index}`] ?? '';
}

/** Whether the words under a proposal are still those it was made on. */
export function proposalIsStale(thread: CommentThread, currentWords: string | null): boolean {
  return thread.proposal?.status === 'open' && currentWords !== thread.quote;
}
