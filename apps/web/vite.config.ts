import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In production the server serves dist/ on the same origin; in development the dev server
// forwards the API and the section sockets to it so the client code never knows the difference.
// SAMRAAD_SERVER points the dev server at a server on another address.
const SERVER = process.env['SAMRAAD_SERVER'] ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': SERVER,
      '/ws': { target: SERVER, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // The case page's chunk is the editor stack itself (Tiptap, ProseMirror, Yjs); it cannot shrink further.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
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
