import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';

/** Whether the section's text has arrived from the server at least once since opening. */
export function useSynced(provider: WebsocketProvider): boolean {
  const [synced, setSynced] = useState(provider.synced);
  useEffect(() => {
    setSynced(provider.synced);
    const onSync = (isSynced: boolean) => {
      // A reconnect resets `synced`; the text already shown stays valid, so only the first counts.
      if (isSynced) setSynced(true);
    };
    provider.on('sync', onSync);
    return () => provider.off('sync', onSync);
  }, [provider]);
  return synced;
}
