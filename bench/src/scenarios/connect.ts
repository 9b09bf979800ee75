import { BenchClient, type ClientOptions } from '../clients.js';
import type { BenchServer, SectionRef } from '../servers/server.js';

/** Connects one client per (section, index), `concurrency` handshakes at a time. */
export async function connectMany(
  server: BenchServer,
  targets: Array<{ section: SectionRef; index: number }>,
  options: (i: number) => ClientOptions = () => ({}),
  concurrency = 25,
): Promise<BenchClient[]> {
  const clients: BenchClient[] = new Array<BenchClient>(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const i = next++;
      const { section, index } = targets[i]!;
      clients[i] = await BenchClient.connect(server.target(section, index), options(i));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return clients;
}

export async function closeAll(clients: BenchClient[]): Promise<void> {
  await Promise.all(clients.map((client) => client.close()));
}
