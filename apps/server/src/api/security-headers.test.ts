import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { startTestServer } from '../test-support/test-server.js';

let direct: RunningServer;
let proxied: RunningServer;

beforeAll(async () => {
  // A stand-in for the built web app: the headers do not depend on what the page holds.
  const webDist = makeTempDir();
  fs.writeFileSync(
    path.join(webDist, 'index.html'),
    '<!doctype html><title>Samråd</title><script type="module" src="/app.js"></script>',
  );
  fs.writeFileSync(path.join(webDist, 'app.js'), 'export {};');
  direct = await startTestServer(undefined, { webDist });
  proxied = await startTestServer(undefined, { webDist, trustProxy: true });
});

afterAll(async () => {
  await direct.close();
  await proxied.close();
});

function directives(response: Response): Map<string, string> {
  const policy = response.headers.get('content-security-policy') ?? '';
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

describe('security headers', () => {
  it('give every HTML page a strict Content-Security-Policy that still lets it reach its own sockets', async () => {
    const host = new URL(direct.url).host;
    for (const page of ['/', '/sak/lvs-04-2022', '/invitasjon/abc']) {
      const response = await fetch(`${direct.url}${page}`);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      const csp = directives(response);
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('style-src')).toBe("'self'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(csp.get('base-uri')).toBe("'none'");
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(csp.get('connect-src')?.split(' ')).toEqual(
        expect.arrayContaining(["'self'", `ws://${host}`, `wss://${host}`]),
      );
      expect(response.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval/);
    }
  });

  it('send nosniff, no referrer and no framing on every response: pages, scripts, the API and its errors', async () => {
    for (const target of ['/', '/app.js', '/api/health', '/api/communities', '/api/finnes-ikke']) {
      const response = await fetch(`${direct.url}${target}`);
      expect(response.headers.get('x-content-type-options'), target).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), target).toBe('DENY');
      expect(response.headers.get('referrer-policy'), target).toBe('no-referrer');
      expect(directives(response).get('frame-ancestors'), target).toBe("'none'");
    }
  });

  it('send HSTS only over https: directly never, behind a trusted proxy when it says https', async () => {
    const viaHttps = { 'x-forwarded-proto': 'https' };
    expect((await fetch(`${direct.url}/`)).headers.get('strict-transport-security')).toBeNull();
    // Anyone can send X-Forwarded-Proto: without TRUST_PROXY it means nothing.
    expect((await fetch(`${direct.url}/`, { headers: viaHttps })).headers.get('strict-transport-security')).toBeNull();
    expect((await fetch(`${proxied.url}/`)).headers.get('strict-transport-security')).toBeNull();
    expect((await fetch(`${proxied.url}/`, { headers: viaHttps })).headers.get('strict-transport-security')).toMatch(
      /max-age=31536000/,
    );
  });

  it('mark the session cookie Secure only when the client reached us over https', async () => {
    const loginVia = (server: RunningServer, headers: Record<string, string>) =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url, ...headers },
        body: JSON.stringify({ email: 'kommune@lvs.demo', password: 'samraad-demo' }),
      });
    expect((await loginVia(direct, { 'x-forwarded-proto': 'https' })).headers.get('set-cookie')).not.toMatch(/Secure/);
    expect((await loginVia(proxied, { 'x-forwarded-proto': 'https' })).headers.get('set-cookie')).toMatch(/Secure/);
  });
});
