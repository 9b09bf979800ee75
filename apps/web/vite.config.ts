import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Writes a brotli and a gzip copy next to every text asset, once at build time at the highest
 * levels, so the server sends them as they are (serveStatic's `precompressed`) and never
 * compresses per request.
 */
function precompress(): Plugin {
  return {
    name: 'samraad-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(file)) continue;
        const source = fs.readFileSync(path.join(outDir, file));
        if (source.byteLength < 1024) continue;
        fs.writeFileSync(
          path.join(outDir, `${file}.br`),
          zlib.brotliCompressSync(source, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.byteLength,
            },
          }),
        );
        fs.writeFileSync(path.join(outDir, `${file}.gz`), zlib.gzipSync(source, { level: 9 }));
      }
    },
  };
}

// In production the server serves dist/ on the same origin; in development the dev server
// forwards the API and the section sockets to it so the client code never knows the difference.
// SAMRAAD_SERVER points the dev server at a server on another address.
const SERVER = process.env['SAMRAAD_SERVER'] ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: {
      // The Host must stay the page's own: the server refuses writes whose Origin and Host differ.
      '/api': { target: SERVER, changeOrigin: false },
      '/ws': { target: SERVER, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    // Maps are written for whoever debugs the build, but not linked from the bundles, and the
    // server does not serve them: the source stays off the public site.
    sourcemap: 'hidden',
    // The case page's chunk is the editor stack itself (Tiptap, ProseMirror, Yjs); it cannot shrink further.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // zod and the switch that turns its compiler off share one chunk, so the switch runs
        // before any chunk that defines a schema can: a split bundle otherwise ran the shared
        // schema chunk first and the page's Content-Security-Policy reported eval.
        manualChunks: (id) =>
          /[\\/]node_modules[\\/]zod[\\/]|schema[\\/]dist[\\/]without-eval/.test(id) ? 'zod' : undefined,
      },
      treeshake: {
        // The web app takes only types and the room helpers from @samraad/schema. Its modules
        // build zod schemas at load time, which would otherwise drag all of zod into the
        // bundle; loading them has no effect the app relies on. (undefined: decide as usual.)
        // Except without-eval, which is imported for its effect (see main.tsx).
        moduleSideEffects: (id) =>
          /[\\/]packages[\\/]schema[\\/]dist[\\/]/.test(id) && !/without-eval/.test(id) ? false : undefined,
      },
    },
  },
});
