import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// `vite web` during development talks to a running `npm start` for everything but the app itself.
const app = process.env.VITE_API_URL ?? 'http://127.0.0.1:8080';

/** The web app's build: everything bundled from web/src into web/dist, nothing loaded from elsewhere. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), tailwindcss()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The charts are split into their own chunk; the rest stays well under this.
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: { '/trpc': app, '/healthz': app, '/reports': app } },
});
