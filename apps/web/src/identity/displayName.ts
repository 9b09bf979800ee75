import { format, messages } from '../i18n/messages.js';

/** Long enough for "Trude Kristin Kristensen (Vestvågøy kommune)", short enough for a caret label. */
export const MAX_NAME_LENGTH = 80;

export type NameCheck = { ok: true; name: string } | { ok: false; problem: string };

/** Collapses stray whitespace so "Kari  Nordmann " and "Kari Nordmann" are the same person. */
export function checkDisplayName(raw: string): NameCheck {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (name.length === 0) return { ok: false, problem: messages.identity.required };
  if (name.length > MAX_NAME_LENGTH) {
    return { ok: false, problem: format(messages.identity.tooLong, { max: MAX_NAME_LENGTH }) };
  }
  return { ok: true, name };
}
