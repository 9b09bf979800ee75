import type { SectionChangeRefusal } from '@samraad/schema';

/** Why the server refuses a structural change around consensus (see decideSectionChange). */
export const SECTION_CHANGE_TEXT: Record<SectionChangeRefusal, string> = {
  'section-locked':
    'delen er låst etter konsensus; tittel, eier og selve delen står til begge parter åpner teksten igjen',
  'case-locked':
    'konsensus i saken er låst; en ny innstilling eller partsvurdering kan ikke legges til før teksten er åpnet igjen',
  'second-consensus-section': 'en sak har bare én innstilling til konsensus; det er den partene godkjenner',
  'case-published': 'saken er publisert og frosset; den endres bare gjennom en rettelse som begge parter godtar',
};
