/**
 * One client stops reading while others paste text into its section. A server that buffers
 * without limit keeps everything for it in memory; one with backpressure drops it.
 */
import { BenchClient } from '../clients.js';
import { rssMiB, sleep } from '../metrics.js';
import type { BenchServer } from '../servers/server.js';
import { closeAll, connectMany } from './connect.js';
import { appendParagraph } from '../workload/trace.js';

export interface SlowConsumerResult {
  relayedMiB: number;
  rssBeforeMiB: number;
  rssPeakMiB: number;
  dropped: boolean;
}

export async function slowConsumer(
  server: BenchServer,
  { writers, pastes, pasteBytes }: { writers: number; pastes: number; pasteBytes: number },
): Promise<SlowConsumerResult> {
  const section = await server.createSection('Benk treg leser');
  const clients = await connectMany(
    server,
    Array.from({ length: writers + 1 }, (_, index) => ({ section, index })),
  );
  const slow = clients[writers]!;
  const docs = clients.slice(0, writers);
  const paragraphs: Array<ReturnType<typeof appendParagraph>> = [];
  const rssBeforeMiB = rssMiB(server.pid);
  let rssPeakMiB = rssBeforeMiB;
  slow.stopReading();
  const chunk = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '
    .repeat(Math.ceil(pasteBytes / 57))
    .slice(0, pasteBytes);
  try {
    for (let i = 0; i < pastes; i++) {
      const writer = docs[i % docs.length]!;
      let update: Uint8Array | null = null;
      const take = (u: Uint8Array) => void (update = u);
      writer.doc.on('update', take);
      // Each writer replaces its own paragraph: the traffic is the paste, the document stays
      // small (deleted text is collected), so no document size limit stops the run.
      writer.doc.transact(() => {
        const text = (paragraphs[i % docs.length] ??= appendParagraph(writer.doc));
        text.delete(0, text.length);
        text.insert(0, chunk);
      });
      writer.doc.off('update', take);
      writer.sendUpdate(update!);
      // The writers read (they are not the slow one); pacing keeps the generator's own buffers small.
      if (i % 20 === 19) {
        await sleep(20);
        rssPeakMiB = Math.max(rssPeakMiB, rssMiB(server.pid));
      }
    }
    for (let i = 0; i < 20; i++) {
      await sleep(100);
      rssPeakMiB = Math.max(rssPeakMiB, rssMiB(server.pid));
    }
    // Reading again shows whether the server kept the socket (it then delivers the backlog) or cut it.
    slow.resumeReading();
    for (let i = 0; i < 30 && slow.isOpen; i++) await sleep(100);
    return {
      relayedMiB: (pastes * pasteBytes) / 1024 / 1024,
      rssBeforeMiB,
      rssPeakMiB,
      dropped: slow.closedWith !== null || !slow.isOpen,
    };
  } finally {
    await closeAll(clients.filter((client: BenchClient) => client !== slow));
    slow.terminate();
  }
}
