import { useEffect, useState } from 'react';
import type { SectionConnection } from '../editor/sectionConnection.js';
import {
  OFFLINE_AFTER_MS,
  nextSocketHistory,
  summariseConnection,
  type ConnectionState,
  type SocketHistory,
  type SocketStatus,
} from './connectionState.js';
import { useBrowserOnline } from './useBrowserOnline.js';

function currentStatus({ provider }: SectionConnection): SocketStatus {
  if (provider.wsconnected) return 'connected';
  return provider.wsconnecting ? 'connecting' : 'disconnected';
}

/** Follows every section socket of the case and sums them up for the indicator. */
export function useConnectionState(connections: readonly SectionConnection[]): ConnectionState {
  const browserOnline = useBrowserOnline();
  const [histories, setHistories] = useState<readonly SocketHistory[]>([]);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const opened = Date.now();
    let latest: SocketHistory[] = connections.map((connection) => {
      const status = currentStatus(connection);
      return { status, everConnected: status === 'connected', notConnectedSince: opened };
    });
    setHistories(latest);
    const unsubscribers = connections.map((connection, index) => {
      const onStatus = ({ status }: { status: SocketStatus }) => {
        latest = latest.map((history, at) => (at === index ? nextSocketHistory(history, status, Date.now()) : history));
        setHistories(latest);
        setNow(Date.now());
      };
      connection.provider.on('status', onStatus);
      return () => connection.provider.off('status', onStatus);
    });
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  }, [connections]);

  const waiting = histories.some((history) => history.status !== 'connected');
  useEffect(() => {
    // Only while some socket is down does time itself change the answer (reconnecting → offline).
    if (!waiting) return;
    const timer = window.setInterval(() => setNow(Date.now()), OFFLINE_AFTER_MS / 4);
    return () => window.clearInterval(timer);
  }, [waiting]);

  return summariseConnection({ browserOnline, sockets: histories, now });
}
