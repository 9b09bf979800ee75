import type { Case } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlCaseRepository } from './sql-case-repository.js';
import { lofotenVesteralenSalten } from '../demo/communities.js';
import type { RunningServer } from '../server.js';
import { send } from '../test-support/consensus-api.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { openTestSql } from '../test-support/test-database.js';
import { startTestServer } from '../test-support/test-server.js';
import { createNumberedCase, type NumberedCaseInput } from './case-numbers.js';

let server: RunningServer;
let secretariat: TestSession;

beforeAll(async () => {
  server = await startTestServer();
  secretariat = await login(server.url, DEMO.sekretariat);
});

afterAll(async () => {
  await server.close();
});

async function create(input: Record<string, unknown>): Promise<Case> {
  const response = await send(secretariat, 'POST', '/communities/lvs/cases', { kind: 'drøftingssak', ...input });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Case;
}

describe('automatic case numbers and references', () => {
  it('continues after the numbers already used by the body that year', async () => {
    // The demo has Partnerskapsmøte sak 04-2022 and reference 2022/2936.
    const created = await create({ body: 'Partnerskapsmøte', title: 'Ny sak i 2022', meetingDate: '2022-12-01' });
    expect(created.number).toBe('05-2022');
    expect(created.reference).toBe('2022/2937');
  });

  it('counts per body and year, and keeps numbers and references given by hand', async () => {
    expect((await create({ body: 'SSU', title: 'Første SSU-sak', meetingDate: '2031-02-01' })).number).toBe('01-2031');
    expect((await create({ body: 'Dialogmøte', title: 'Første dialogsak', meetingDate: '2031-02-01' })).number).toBe(
      '01-2031',
    );
    const byHand = await create({
      body: 'SSU',
      number: '07-2031',
      reference: null,
      title: 'Gitt nummer',
      meetingDate: '2031-02-01',
    });
    expect(byHand).toMatchObject({ number: '07-2031', reference: null });
    expect((await create({ body: 'SSU', title: 'Etter håndnummeret', meetingDate: '2031-03-01' })).number).toBe(
      '08-2031',
    );
  });

  it('gives 20 concurrent creations 20 distinct, consecutive numbers and references', async () => {
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        create({ body: 'Partnerskapsmøte', title: `Samtidig sak ${i}`, meetingDate: '2032-06-01' }),
      ),
    );
    const numbers = created.map((c) => c.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `${String(i + 1).padStart(2, '0')}-2032`));
    const references = created.map((c) => c.reference).sort();
    expect(references).toEqual(Array.from({ length: 20 }, (_, i) => `2032/${String(i + 1).padStart(4, '0')}`));
  });

  it('refuses a number already taken when it is given by hand', async () => {
    const response = await send(secretariat, 'POST', '/communities/lvs/cases', {
      body: 'Partnerskapsmøte',
      number: '04-2022',
      title: 'Dobbel',
      kind: 'drøftingssak',
    });
    expect(response.status).toBe(409);
  });
});

describe('creating a case with its sections', () => {
  it('stores both in one transaction: a section that fails leaves no case and uses no number', async () => {
    const sql = await openTestSql();
    const cases = createSqlCaseRepository(sql);
    await cases.saveCommunity(lofotenVesteralenSalten.community, lofotenVesteralenSalten.organisations);
    const header: NumberedCaseInput = {
      communityId: 'lvs',
      body: 'SSU',
      title: 'Sak med deler',
      kind: 'drøftingssak',
      status: 'utkast',
      caseOfficers: [],
      documentDate: null,
      meetingDate: '2033-01-10',
      attachments: [],
    };
    const valid = { kind: 'bakgrunn', title: 'Bakgrunn', owner: 'shared' } as const;
    // A title the section schema refuses, past the edge validation a request would meet.
    const invalid = { kind: 'annet', title: '', owner: 'shared' } as const;
    await expect(createNumberedCase(sql, { ...header, sections: [valid, invalid] })).rejects.toThrow();
    expect(await cases.listCases('lvs')).toEqual([]);

    const created = await createNumberedCase(sql, { ...header, sections: [valid] });
    expect(created.number).toBe('01-2033');
    expect((await cases.listSections(created.id)).map((s) => s.title)).toEqual(['Bakgrunn']);
  });
});
