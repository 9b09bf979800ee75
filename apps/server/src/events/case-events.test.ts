import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '@samraad/schema';
import { MemoryFanoutHub } from '../test-support/memory-fanout.js';
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
    await new Promise((resolve) => setTimeout(resolve, 0));

    const event = { type: 'thread', data: { id: 't1' } } as unknown as CaseEvent;
    a.publish('lvs-04-2022', event);
    await waitFor(() => atB.length === 1, 'the notice on the other instance');
    expect(atB).toEqual([event]);
    expect(atA).toEqual([event]);
    expect(elsewhere).toEqual([]);
  });
});
