import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../test-support/consensus-api.js';
import { pollUntil } from '../test-support/poll.js';
import { spawnServer, type ServerProcess } from '../test-support/server-process.js';
import { DEMO, login } from '../test-support/session.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { makeTempDir } from '../test-support/temp-dir.js';

const ANCHOR = { start: 'AAECAw==', end: 'BAUGBw==' };
const MAIL_ENV = { MAIL_CLAIM_SECONDS: '1', MAIL_POLL_MS: '100', PUBLIC_URL: 'https://samraad.example.no' };

let smtp: SmtpSink;
const running: ServerProcess[] = [];

beforeAll(async () => {
  smtp = await startSmtpSink();
});

afterAll(async () => {
  for (const server of running) if (server.child.exitCode === null) await server.stop();
  await smtp.close();
});

/** Kari mentions Nils in a new thread on 04-2022; the request may die with the server. */
async function mentionNils(url: string, body: string): Promise<void> {
  const kari = await login(url, DEMO.kommune);
  const nils = await login(url, DEMO.sykehus);
  const nilsId = ((await (await send(nils, 'GET', '/auth/session')).json()) as { user: { id: string } }).user.id;
  await send(kari, 'POST', '/cases/lvs-04-2022/threads', {
    sectionId: 'kommunenes-vurdering',
    anchor: ANCHOR,
    quote: 'RKK',
    body,
    mentions: [nilsId],
  }).catch(() => null);
}

const mailsAbout = (text: string) => smtp.received.filter((m) => m.parsed.text?.includes(text));

describe('the outbox across a crash', () => {
  it('sends a mail exactly once when the server is killed after the commit and before sending', async () => {
    const dataDir = makeTempDir();
    const doomed = await spawnServer(dataDir, {
      ...MAIL_ENV,
      SMTP_URL: smtp.url,
      SAMRAAD_FAULT_POINT: 'before-mail-send',
    });
    running.push(doomed);
    await mentionNils(doomed.url, 'Første omtale før krasj');
    // The sender claimed the committed row and the process died before the mail left.
    expect(await doomed.exited).toBeNull();
    expect(doomed.child.signalCode).toBe('SIGKILL');
    expect(mailsAbout('Første omtale før krasj')).toHaveLength(0);

    const restarted = await spawnServer(dataDir, { ...MAIL_ENV, SMTP_URL: smtp.url });
    running.push(restarted);
    await pollUntil(
      () => Promise.resolve(mailsAbout('Første omtale før krasj').length),
      (n) => n > 0,
      'the mail after restart',
    );
    // Barrier: a later mail has gone out, so a second copy of the first would have too.
    await mentionNils(restarted.url, 'Andre omtale etter restart');
    await pollUntil(
      () => Promise.resolve(mailsAbout('Andre omtale etter restart').length),
      (n) => n > 0,
      'the later mail',
    );
    const first = mailsAbout('Første omtale før krasj');
    expect(first).toHaveLength(1);
    expect(first[0]!.to).toEqual(['sykehus@lvs.demo']);
    expect(first[0]!.parsed.subject).toMatch(/Kari Lind nevnte deg/);
    expect(mailsAbout('Andre omtale etter restart')).toHaveLength(1);
    await restarted.stop();
  }, 90_000);
});
