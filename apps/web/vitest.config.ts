import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';

// The real server the component tests' hooks talk to (src/testing/realServer.ts starts it), on a
// port fixed per run so the browser page's Vite server can proxy /api and /ws to it.
const realServerPort = String(20_000 + (process.pid % 20_000));
process.env['SAMRAAD_COMPONENT_SERVER_PORT'] ??= realServerPort;
const realServer = `http://127.0.0.1:${process.env['SAMRAAD_COMPONENT_SERVER_PORT']}`;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Components rendered in the same Debian Chromium as the e2e tests (npm cannot download browsers here).
        plugins: [react()],
        // changeOrigin stays false: the server checks that a write's Origin matches its Host.
        server: {
          proxy: {
            '/api': { target: realServer, changeOrigin: false },
            '/ws': { target: realServer, ws: true, changeOrigin: false },
          },
        },
        // Bundled before the first test: found later, Vite would reload the page under a running test.
        optimizeDeps: {
          include: [
            '@tiptap/core',
            '@tiptap/extension-collaboration-caret',
            '@tiptap/extension-collaboration',
            '@tiptap/pm/state',
            '@tiptap/pm/view',
            '@tiptap/react',
            '@tiptap/starter-kit',
            '@tiptap/y-tiptap',
            'lib0/decoding',
            'lib0/encoding',
            'y-indexeddb',
            'y-protocols/sync',
            'y-websocket',
            'yjs',
            'vitest-browser-react',
            'react',
            'react-dom',
            'react/jsx-dev-runtime',
          ],
        },
        test: {
          name: 'component',
          include: ['src/**/*.test.tsx'],
          globalSetup: ['src/testing/realServer.ts'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
                args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
              },
              contextOptions: { locale: 'nb-NO' },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        // Drives the built app against the real server in Chromium; slow by nature.
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
