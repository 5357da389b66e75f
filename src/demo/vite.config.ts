import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * `npm run build:demo`: bundles src/demo/page/ into src/demo/bundle/ (committed). Fixed file
 * names keep the committed diff readable; the server sends them with ETags and `no-cache`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./page/', import.meta.url)),
  base: '/demo/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./bundle/', import.meta.url)),
    emptyOutDir: true,
    assetsDir: '',
    target: 'es2022',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    rolldownOptions: {
      output: { entryFileNames: 'demo.js', chunkFileNames: 'demo-[name].js', assetFileNames: 'demo[extname]' },
    },
  },
});
