import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Storage } from '../db/storage.js';
import { openTestSql } from '../test-support/test-database.js';
import { createSqlAuditLog } from './audit-log.js';

let db: Storage | null = null;

afterEach(async () => {
  vi.useRealTimers();
  await db?.close();
  db = null;
});

const rowCount = async ({ db }: Storage) =>
  Number(
    (
      await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );

describe('the audit log', () => {
  it('sums accepted updates per person and section into one row, and shows them to readers at once', async () => {
    db = await openTestSql();
    const audit = createSqlAuditLog(db, 60_000);
    for (let i = 0; i < 10; i++)
      await audit.record({ userId: 'kari', caseId: 'c1', sectionId: 's1', action: 'update', bytes: 3 });
    await audit.record({ userId: 'per', caseId: 'c1', sectionId: 's1', action: 'update', bytes: 5 });
    await audit.record({ userId: 'kari', caseId: 'c1', sectionId: 's2', action: 'update', bytes: 7 });
    expect(await rowCount(db)).toBe(0);
    const entries = await audit.listForCase('c1');
    expect(
      entries
        .map(({ userId, sectionId, action, bytes }) => ({ userId, sectionId, action, bytes }))
        .sort((a, b) => a.bytes - b.bytes),
    ).toEqual([
      { userId: 'per', sectionId: 's1', action: 'update', bytes: 5 },
      { userId: 'kari', sectionId: 's2', action: 'update', bytes: 7 },
      { userId: 'kari', sectionId: 's1', action: 'update', bytes: 30 },
    ]);
  });

  it('writes the rows in order of their last update, so the newest row is the last person who typed', async () => {
    db = await openTestSql();
    const audit = createSqlAuditLog(db, 60_000);
    await audit.record({ userId: 'kari', caseId: 'c1', sectionId: 's1', action: 'update', bytes: 1 });
    await audit.record({ userId: 'per', caseId: 'c1', sectionId: 's1', action: 'update', bytes: 1 });
    await audit.record({ userId: 'kari', caseId: 'c1', sectionId: 's1', action: 'update', bytes: 1 });
    expect((await audit.listForCase('c1')).map((e) => e.userId)).toEqual(['kari', 'per']);
  });

  it('writes the first refused write at once, after what was typed before it', async () => {
    db = await openTestSql();
    const audit = createSqlAuditLog(db, 60_000);
    await audit.record({ userId: 'kari', caseId: 'c1', sectionId: 's1', action: 'update', bytes: 3 });
    await audit.record({ userId: 'ola', caseId: 'c1', sectionId: 's1', action: 'refused', bytes: 4 });
    expect(await rowCount(db)).toBe(2);
    expect((await audit.listForCase('c1')).map((e) => e.action)).toEqual(['refused', 'update']);
  });

  it('sums a burst of refusals by one person in one section into one more row, so a retry loop cannot flood the log', async () => {
    db = await openTestSql();
    const audit = createSqlAuditLog(db, 60_000, 60_000);
    for (let i = 0; i < 240; i++)
      await audit.record({ userId: 'ola', caseId: 'c1', sectionId: 's1', action: 'refused', bytes: 4 });
    await audit.record({ userId: 'ola', caseId: 'c1', sectionId: 's2', action: 'refused', bytes: 4 });
    const entries = await audit.listForCase('c1');
    expect(
      entries
        .map(({ sectionId, action, bytes }) => ({ sectionId, action, bytes }))
        .sort((a, b) => a.bytes - b.bytes || a.sectionId.localeCompare(b.sectionId)),
    ).toEqual([
      { sectionId: 's1', action: 'refused', bytes: 4 },
      { sectionId: 's2', action: 'refused', bytes: 4 },
      { sectionId: 's1', action: 'refused', bytes: 239 * 4 },
    ]);
  });

  it('writes the summed rows by itself after the window', async () => {
    db = await openTestSql();
    const sql = db;
    // A fake clock for the window's timer only; the database's own I/O runs as usual.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const audit = createSqlAuditLog(sql, 20);
    await audit.record({ userId: 'kari', caseId: 'c1', sectionId: 's1', action: 'update', bytes: 3 });
    await audit.record({ userId: 'kari', caseId: 'c1', sectionId: 's1', action: 'update', bytes: 3 });
    await vi.advanceTimersByTimeAsync(19);
    expect(await rowCount(sql)).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    // The write the timer started is on its way. Polled between I/O turns (setImmediate is not
    // faked), not with vi.waitFor, which would move the fake clock on by itself.
    const deadline = Date.now() + 5_000;
    while ((await rowCount(sql)) === 0 && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    expect(await sql.db.selectFrom('audit_log').select('bytes').execute()).toEqual([{ bytes: 6 }]);
  });
});
