import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { startTestServer } from '../test-support/test-server.js';

const SCRIPT = 'export const greeting = "hei";\n'.repeat(200);
const ASSET = '/assets/index-AbC123.js';

/** A raw GET: fetch would decode the body and hide which encoding was sent. */
function get(url: string, acceptEncoding: string | null) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = http.get(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
  });
}

describe('the web app as the server sends it', () => {
  let server: RunningServer;

  beforeAll(async () => {
    const webDist = makeTempDir();
    fs.mkdirSync(path.join(webDist, 'assets'));
    fs.writeFileSync(path.join(webDist, 'index.html'), `<!doctype html><script type="module" src="${ASSET}"></script>`);
    const file = path.join(webDist, ASSET);
    fs.writeFileSync(file, SCRIPT);
    // As the build writes them (vite.config.ts, precompress).
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(SCRIPT));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(SCRIPT));
    fs.writeFileSync(`${file}.map`, '{"version":3,"sources":["src/secret.ts"]}');
    server = await startTestServer(undefined, { webDist });
  });
  afterAll(async () => {
    await server.close();
  });

  it('sends the brotli copy to a browser that takes it, the gzip copy to one that takes only gzip', async () => {
    const br = await get(`${server.url}${ASSET}`, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    const gz = await get(`${server.url}${ASSET}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(SCRIPT);
    const plain = await get(`${server.url}${ASSET}`, null);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    for (const response of [br, gz, plain]) expect(response.headers.vary).toContain('Accept-Encoding');
  });

  it('lets browsers keep hashed assets for good and asks them to check index.html every time', async () => {
    expect((await get(`${server.url}${ASSET}`, 'br')).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    for (const page of ['/', '/index.html', '/sak/lvs-04-2022']) {
      const response = await get(`${server.url}${page}`, 'br');
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('does not serve source maps or the compressed copies by their own names', async () => {
    for (const suffix of ['.map', '.br', '.gz']) {
      const response = await get(`${server.url}${ASSET}${suffix}`, null);
      expect(response.status).toBe(404);
      expect(response.body.toString()).not.toContain('secret');
    }
  });
});
