import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database.js';
import type { RunningServer } from '../server.js';
import { pollUntil } from '../test-support/poll.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { TEST_DB, testDatabaseUrl } from '../test-support/test-database.js';
import { startTestServer } from '../test-support/test-server.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { enqueueMail } from './outbox.js';

const MAILS = 40;
const MAX_ROUNDS = 10;

describe.skipIf(TEST_DB !== 'postgres')('two instances sending from one outbox (PostgreSQL)', () => {
  let smtp: SmtpSink;
  const servers: RunningServer[] = [];

  afterAll(async () => {
    for (const server of servers) await server.close();
    await smtp?.close();
  });

  it('never send the same row twice', async () => {
    smtp = await startSmtpSink();
    const dataDir = makeTempDir();
    // Same data directory, same PostgreSQL schema: two instances of one deployment.
    servers.push(await startTestServer(dataDir, { smtpUrl: smtp.url, mailPollMs: 20 }));
    servers.push(await startTestServer(dataDir, { smtpUrl: smtp.url, mailPollMs: 20 }));

    const sql = await openDatabase({ databaseUrl: await testDatabaseUrl(dataDir), dataDir });
    let total = 0;
    try {
      // Rounds written at once, so both senders find a full outbox and compete for every row;
      // which sender wins a round is up to timing, so rounds go on until both have taken part.
      let rounds = 0;
      let senders: { claimed_by: string | null }[] = [];
      while (senders.length < 2 && rounds < MAX_ROUNDS) {
        const round = rounds++;
        await sql.transaction(async (tx) => {
          for (let i = 0; i < MAILS; i++) {
            await enqueueMail(
              tx,
              {
                recipient: `person${i}@lvs.demo`,
                subject: `Melding ${round}-${i}`,
                text: `Tekst ${i}`,
                html: `<p>Tekst ${i}</p>`,
              },
              new Date().toISOString(),
            );
          }
        });
        await pollUntil(
          () =>
            sql.db
              .selectFrom('mail_outbox')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('sent_at', 'is', null)
              .executeTakeFirst(),
          (row) => Number(row?.n) === 0,
          'every row sent',
        );
        senders = await sql.db.selectFrom('mail_outbox').select('claimed_by').distinct().execute();
      }
      // Both took part (so they really competed), and each row went out once.
      expect(senders.length).toBe(2);
      total = rounds * MAILS;
    } finally {
      await sql.close();
    }
    const subjects = smtp.received.map((m) => m.parsed.subject);
    expect(subjects).toHaveLength(total);
    expect(new Set(subjects).size).toBe(total);
  }, 90_000);
});
