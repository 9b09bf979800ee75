import type { MentionCandidate } from '@samraad/schema';

/** The "@…" being typed right before the caret, or null when the caret is not in one. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|\s)@([^@\n]{0,40})$/.exec(before);
  // A space right before the caret ends it: a name was picked or the word is done. Typing on
  // ("@Jonas E") opens it again, since names have spaces in them.
  if (!match || /\s$/.test(match[1]!)) return null;
  return { start: caret - match[1]!.length - 1, query: match[1]! };
}

/** People whose name (any word of it) or organisation starts with the query, best first. */
export function matchPeople(people: readonly MentionCandidate[], query: string, limit = 8): MentionCandidate[] {
  const q = query.trim().toLocaleLowerCase('nb');
  if (q === '') return people.slice(0, limit);
  const starts = (text: string | null) =>
    text !== null &&
    (text.toLocaleLowerCase('nb').startsWith(q) ||
      text
        .toLocaleLowerCase('nb')
        .split(/\s+/)
        .some((w) => w.startsWith(q)));
  return people.filter((p) => starts(p.name) || starts(p.organisationName)).slice(0, limit);
}
