import net from 'node:net';

/**
 * A round-robin TCP load balancer on loopback, as would sit in front of two instances. A
 * backend that refuses a connection is taken out of rotation; when one dies, its clients
 * lose their connection and reconnect through the balancer to a backend that is alive.
 */
export interface TcpBalancer {
  url: string;
  /** Connections handed to each backend so far. */
  counts: Map<number, number>;
  remove(port: number): void;
  close(): Promise<void>;
}

export async function startTcpBalancer(backendPorts: number[]): Promise<TcpBalancer> {
  const alive = [...backendPorts];
  const counts = new Map(backendPorts.map((port) => [port, 0]));
  const sockets = new Set<net.Socket>();
  let next = 0;
  const server = net.createServer((downstream) => {
    sockets.add(downstream);
    downstream.on('close', () => sockets.delete(downstream));
    downstream.on('error', () => downstream.destroy());
    const attempt = () => {
      if (alive.length === 0) return downstream.destroy();
      const port = alive[next++ % alive.length]!;
      const upstream = net.connect(port, '127.0.0.1');
      upstream.once('connect', () => {
        counts.set(port, (counts.get(port) ?? 0) + 1);
        sockets.add(upstream);
        upstream.on('close', () => {
          sockets.delete(upstream);
          downstream.destroy();
        });
        downstream.on('close', () => upstream.destroy());
        upstream.on('error', () => upstream.destroy());
        downstream.pipe(upstream);
        upstream.pipe(downstream);
      });
      upstream.once('error', () => {
        if (upstream.connecting || !upstream.remoteAddress) {
          const index = alive.indexOf(port);
          if (index >= 0) alive.splice(index, 1);
          attempt();
        }
      });
    };
    attempt();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    remove(backend) {
      const index = alive.indexOf(backend);
      if (index >= 0) alive.splice(index, 1);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
