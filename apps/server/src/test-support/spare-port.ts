import net from 'node:net';

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now: the system picks it, we let it
 * go again. Another process could take it in between; for test services that is rare enough.
 */
export function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
