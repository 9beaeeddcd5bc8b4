import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The console is a static app: `vite build` writes `dist/`, which CloudFront (AWS) or `npm start`
 * (locally) serves. Without source maps: served, they hand anyone the app's sources (`npm run dev
 * -w web` still maps everything while editing).
 */
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': decodeURIComponent(new URL('./src', import.meta.url).pathname) } },
  build: { sourcemap: false },
  // `npm run dev -w web` (hot reload) beside `npm start`: the dev server borrows the local stack's /config.json.
  server: { proxy: { '/config.json': `http://127.0.0.1:${process.env.WEB_PORT ?? 3001}` } },
});
