/**
 * Section sockets live under /ws on the page's own origin (the dev server proxies them), and
 * must be secure whenever the page is.
 */
export function socketBase(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws`;
}
