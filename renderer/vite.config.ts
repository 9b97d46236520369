import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer's build: `vite build renderer` (npm run build:renderer) writes renderer/dist, which the node serves as
 * the browser console (/console/) and the Electron app loads from its own origin. Paths are relative (base './') so
 * the same files work under either. No inline scripts are emitted, so a CSP of `script-src 'self'` holds; views other than
 * the inbox (the home view) are loaded on first use, so the charting library is not on the start-up path.
 */
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2023',
    // Inline assets would become data: URLs; keep everything as files the CSP allows ('self').
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
  server: { port: 5173, strictPort: true },
});
