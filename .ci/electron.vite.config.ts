import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Builds the three Electron bundles into out/: main (plus the database utility process),
 * the preload (CommonJS: an ES-module preload does not run in a sandboxed renderer) and the renderer.
 * Kept in .ci/ so the top level of the repository stays to the layout in DESIGN.md.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
// CHOKEPOINT_OUT_DIR builds elsewhere (e.g. a second checkout's tests running beside this one's); default out/.
const out = process.env.CHOKEPOINT_OUT_DIR ? resolve(process.env.CHOKEPOINT_OUT_DIR) : resolve(root, 'out');

export default defineConfig({
  main: {
    root,
    build: {
      outDir: resolve(out, 'main'),
      rollupOptions: {
        input: {
          main: resolve(root, 'electron/main.ts'),
          'database-process': resolve(root, 'electron/database-process.ts'),
        },
      },
    },
  },
  preload: {
    root,
    build: {
      outDir: resolve(out, 'preload'),
      rollupOptions: {
        input: { preload: resolve(root, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(out, 'renderer'),
      emptyOutDir: true,
      // Inline nothing as data: URLs, so the CSP can stay at font-src/img-src 'self'.
      assetsInlineLimit: 0,
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
