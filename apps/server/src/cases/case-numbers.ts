import {
  formatCaseNumber,
  formatCaseReference,
  sectionRoomName,
  type Case,
  type CreateCaseInputSchema,
} from '@samraad/schema';
import type { z } from 'zod';
import { ConflictError, type NewSection } from './case-repository.js';
import { createSqlCaseRepository } from './sql-case-repository.js';
import { isUniqueViolation, type Storage } from '../db/storage.js';
import { createSqlDocumentStore } from '../persistence/sql-document-store.js';

/** Sections may carry a fixed id here (the minutes' sections), which the public API never takes. */
export type NumberedCaseInput = Omit<z.output<typeof CreateCaseInputSchema>, 'sections'> & {
  communityId: string;
  id?: string;
  sections?: NewSection[];
};

const MAX_ATTEMPTS = 8;

/**
 * Creates a case with the sections the input lists (none when it lists none), giving it the
 * next free number for its body and year ("05-2026") and the next reference for its community
 * and year ("2026/0007") when the input has none.
 *
 * The next values live in counter rows. Claiming one is an `UPDATE … SET next_value =
 * next_value + 1` in the same transaction as the insert: PostgreSQL makes a concurrent
 * claimer wait on the row lock until this transaction ends, SQLite runs one write
 * transaction at a time, so two creations never see the same value. Numbers given by hand
 * (the papers from before Samråd) are respected: a counter behind them jumps past the
 * highest one. Should a hand-made case still take a claimed number, the insert hits the
 * (community, body, number) uniqueness rule and the whole transaction is tried again.
 */
export async function createNumberedCase(
  storage: Storage,
  input: NumberedCaseInput,
  today: () => Date = () => new Date(),
): Promise<Case> {
  const year = Number((input.meetingDate ?? input.documentDate ?? today().toISOString().slice(0, 10)).slice(0, 4));
  const assigns = input.number === undefined || input.reference === undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await storage.transaction(async (tx) => {
        const number =
          input.number ??
          formatCaseNumber(
            await claim(tx, `number:${input.communityId}:${input.body}:${year}`, async () => {
              const rows = await tx.db
                .selectFrom('cases')
                .select('number')
                .where('community_id', '=', input.communityId)
                .where('body', '=', input.body)
                .where('number', 'like', `%-${year}`)
                .execute();
              return Math.max(0, ...rows.map((row) => Number.parseInt(row.number, 10) || 0));
            }),
            year,
          );
        const reference =
          input.reference !== undefined
            ? input.reference
            : formatCaseReference(
                await claim(tx, `reference:${input.communityId}:${year}`, async () => {
                  const rows = await tx.db
                    .selectFrom('cases')
                    .select('reference')
                    .where('community_id', '=', input.communityId)
                    .where('reference', 'like', `${year}/%`)
                    .execute();
                  return Math.max(0, ...rows.map((row) => Number.parseInt(row.reference!.slice(5), 10) || 0));
                }),
                year,
              );
        const { sections = [], ...header } = input;
        const repository = createSqlCaseRepository(tx);
        const created = await repository.createCase({ ...header, number, reference });
        // In the same transaction: a case is never seen, numbered, without its sections, nor a
        // section without the text it starts with (an imported paper's) in its document.
        const documents = createSqlDocumentStore(tx);
        for (const section of sections) {
          const { id } = await repository.createSection(created.id, section);
          if (section.content)
            await documents.replace(sectionRoomName({ caseId: created.id, sectionId: id }), section.content);
        }
        return created;
      });
    } catch (error) {
      const collided = error instanceof ConflictError || isUniqueViolation(error);
      if (assigns && input.number === undefined && collided && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

/** Takes the next value of one counter, never at or below what the cases already use. */
async function claim({ db }: Storage, scope: string, highestInUse: () => Promise<number>): Promise<number> {
  await db
    .insertInto('case_counters')
    .values({ scope, next_value: 1 })
    .onConflict((oc) => oc.column('scope').doNothing())
    .execute();
  const row = await db
    .updateTable('case_counters')
    .set((eb) => ({ next_value: eb('next_value', '+', 1) }))
    .where('scope', '=', scope)
    .returning('next_value')
    .executeTakeFirstOrThrow();
  let claimed = Number(row.next_value) - 1;
  const highest = await highestInUse();
  if (claimed <= highest) {
    claimed = highest + 1;
    await db
      .updateTable('case_counters')
      .set({ next_value: claimed + 1 })
      .where('scope', '=', scope)
      .execute();
  }
  return claimed;
}
