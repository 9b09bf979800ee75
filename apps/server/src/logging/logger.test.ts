import { describe, expect, it } from 'vitest';
import { createLogger, scrubCredentials } from './logger.js';

function collectingLogger(level = 'info') {
  const lines: string[] = [];
  const log = createLogger({ level, destination: { write: (line: string) => void lines.push(line) } });
  return {
    log,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => lines.join(''),
  };
}

describe('logger', () => {
  it('writes one JSON record per line with an ISO time and a level name', () => {
    const { log, records } = collectingLogger();
    log.info({ room: 'lvs-04-2022/bakgrunn' }, 'rom åpnet');
    const [record] = records();
    expect(record).toMatchObject({ level: 'info', room: 'lvs-04-2022/bakgrunn', msg: 'rom åpnet' });
    expect(new Date(String(record!.time)).toISOString()).toBe(record!.time);
  });

  it('hides cookies, passwords, tokens and connection URLs wherever a caller puts them', () => {
    const { log, text } = collectingLogger();
    log.info({
      password: 'passord-1',
      req: { headers: { cookie: 'samraad_session=økt-2', authorization: 'Bearer bærer-3' } },
      body: { password: 'passord-4', token: 'invitasjon-5', csrfToken: 'csrf-6' },
      config: { databaseUrl: 'postgres://samraad:db-7@db/samraad', redisUrl: 'redis://:redis-8@redis:6379' },
    });
    for (const secret of ['passord-1', 'økt-2', 'bærer-3', 'passord-4', 'invitasjon-5', 'csrf-6', 'db-7', 'redis-8']) {
      expect(text()).not.toContain(secret);
    }
    expect(text()).toContain('[skjult]');
  });

  it('scrubs the password from URLs in messages and error texts', () => {
    const { log, text } = collectingLogger();
    log.warn(`kobler til postgres://samraad:hemmelig-1@db:5432/samraad`);
    log.error({ err: new Error('fikk ikke kontakt med redis://:hemmelig-2@redis:6379') }, 'feil');
    expect(text()).not.toMatch(/hemmelig/);
    expect(text()).toContain('postgres://samraad:***@db:5432/samraad');
    expect(scrubCredentials('https://example.org/a@b')).toBe('https://example.org/a@b');
  });

  it('logs a driver error’s message and code but not the connection it carries', () => {
    const { log, records, text } = collectingLogger();
    const error = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
      client: { user: 'samraad', password: 'hemmelig-3', connectionParameters: { password: 'hemmelig-4', host: 'db' } },
    });
    log.warn({ err: error }, 'PostgreSQL-tilkobling feilet');
    expect(records()[0]!.err).toMatchObject({
      type: 'Error',
      message: 'terminating connection due to administrator command',
      code: '57P01',
    });
    expect(text()).not.toMatch(/hemmelig|connectionParameters/);
  });

  it('writes the startup announcement even when the level is above info', () => {
    const { log, records } = collectingLogger('warn');
    log.info('vanlig info');
    log.child({}, { level: 'info' }).info('Samråd kjører på http://localhost:3000');
    expect(records().map((record) => record.msg)).toEqual(['Samråd kjører på http://localhost:3000']);
  });
});
