import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { firstScreenCss } from './build/first-screen-css.ts';
import { precompress } from './build/precompress.ts';
import { preloadHints } from './build/preload-hints.ts';
import { zeroRuntimeStyles } from './build/zero-runtime-styles.ts';

/**
 * The renderer's build: `vite build renderer` (npm run build:renderer) writes renderer/dist, which the node serves as
 * the browser console (/console/) and the Electron app loads from its own origin. Paths are relative (base './') so
 * the same files work under either. No inline scripts are emitted, so a CSP of `script-src 'self'` holds; views other than
 * the inbox (the home view) are loaded on first use, so the charting library is not on the start-up path.
 *
 * Start-up (docs/console.md): index.html preloads the UI code and its stylesheet (build/preload-hints.ts), that
 * stylesheet holds only the first screen's part of antd's (build/first-screen-css.ts; the rest loads after the inbox),
 * antd's CSS-in-JS style functions, dead in zero-runtime mode, are left out of the code (build/zero-runtime-styles.ts),
 * and every text file gets Brotli and gzip copies the node serves with Content-Encoding (build/precompress.ts).
 */
export default defineConfig({
  base: './',
  plugins: [zeroRuntimeStyles(), react(), firstScreenCss(), preloadHints(), precompress()],
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
