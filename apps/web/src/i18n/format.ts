/**
 * Dates and lists printed the way Norwegian case papers print them ("04.10.2022",
 * "A, B og C"). Dates arrive as ISO calendar dates; they are formatted from their parts, not
 * through `Date`, so a meeting date never shifts by a day in another time zone.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function formatDate(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  return `${day}.${month}.${year}`;
}

const listFormat = new Intl.ListFormat('nb', { style: 'long', type: 'conjunction' });

export function formatList(items: readonly string[]): string {
  return listFormat.format(items);
}

const dateTimeFormat = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'short', timeStyle: 'short' });

/** A moment (ISO timestamp) in the reader's own time zone: "23.11.2026, 14:05". */
export function formatDateTime(isoTimestamp: string): string {
  const date = new Date(isoTimestamp);
  return Number.isNaN(date.getTime()) ? isoTimestamp : dateTimeFormat.format(date);
}
