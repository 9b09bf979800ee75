/** Server RSS with many cases stored and some of them open, each by one client. */
import { rssMiB, sleep } from '../metrics.js';
import type { BenchServer, SectionRef } from '../servers/server.js';
import { closeAll, connectMany } from './connect.js';

export interface MemoryResult {
  stored: number;
  open: number;
  idleMiB: number;
  openMiB: number;
}

/** Restarts the server so only what the stored data and the open rooms cost is counted. */
export async function measureMemory(server: BenchServer, stored: SectionRef[], open: number): Promise<MemoryResult> {
  await server.restart();
  await sleep(1_000);
  const idleMiB = rssMiB(server.pid);
  const opened = stored.slice(0, open);
  const clients = await connectMany(
    server,
    opened.map((section, index) => ({ section, index })),
  );
  await sleep(2_000);
  const openMiB = rssMiB(server.pid);
  await closeAll(clients);
  return { stored: stored.length, open: clients.length, idleMiB, openMiB };
}
