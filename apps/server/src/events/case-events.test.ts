import { afterEach, describe, expect, it } from 'vitest';
import type { CaseEvent } from '@samraad/schema';
import type { Storage } from '../db/storage.js';
import { MemoryFanoutHub } from '../test-support/memory-fanout.js';
import { openTestSql } from '../test-support/test-database.js';
import { waitFor } from '../test-support/yjs-client.js';
import { CaseEvents } from './case-events.js';

describe('CaseEvents across instances', () => {
  it('delivers a notice to listeners on every instance, once each', async () => {
    const hub = new MemoryFanoutHub();
    const a = new CaseEvents(hub.fanout('a'));
    const b = new CaseEvents(hub.fanout('b'));
    const atA: unknown[] = [];
    const atB: unknown[] = [];
    const elsewhere: unknown[] = [];
    a.subscribe('lvs-04-2022', (event) => atA.push(event));
    b.subscribe('lvs-04-2022', (event) => atB.push(event));
    b.subscribe('lvs-06-2021', (event) => elsewhere.push(event));

    const event = { type: 'thread', data: { id: 't1' } } as unknown as CaseEvent;
    a.publish('lvs-04-2022', event);
    await waitFor(() => atB.length === 1, 'the notice on the other instance');
    expect(atB).toEqual([event]);
    expect(atA).toEqual([event]);
    expect(elsewhere).toEqual([]);
  });

  describe('when the fan-out loses messages (Redis away)', () => {
    let db: Storage | null = null;
    const instances: CaseEvents[] = [];
    afterEach(async () => {
      for (const instance of instances.splice(0)) instance.close();
      await db?.close();
      db = null;
    });

    it('still delivers each notice once, from the shared log in the database', async () => {
      db = await openTestSql();
      const hub = new MemoryFanoutHub();
      const a = new CaseEvents(hub.fanout('a'), db);
      const b = new CaseEvents(hub.fanout('b'), db);
      instances.push(a, b);
      const atB: CaseEvent[] = [];
      b.subscribe('lvs-04-2022', (event) => atB.push(event));

      hub.dropping = true;
      const during = { type: 'thread', data: { id: 'under-brudd' } } as unknown as CaseEvent;
      a.publish('lvs-04-2022', during);
      await waitFor(() => atB.length === 1, 'the notice from the log while Redis drops messages');
      hub.dropping = false;
      const after = { type: 'thread', data: { id: 'etterpå' } } as unknown as CaseEvent;
      a.publish('lvs-04-2022', after);
      await waitFor(() => atB.length === 2, 'the next notice through Redis');
      // A barrier for "only once": a third notice arrives, and nothing came twice before it.
      const third = { type: 'thread', data: { id: 'tredje' } } as unknown as CaseEvent;
      a.publish('lvs-04-2022', third);
      await waitFor(() => atB.length >= 3, 'the third notice');
      // A read of the log, as the timer makes every second, must not repeat anything either.
      await b.catchUp();
      expect(atB).toEqual([during, after, third]);
    });
  });
});
