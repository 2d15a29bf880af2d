/// <reference types="vitest/config" />
import { writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';

const outDir = resolve(import.meta.dirname, 'dist');

// emptyOutDir wipes dist/.gitkeep; Go embeds `all:dist`, so the folder must
// exist (and stay tracked) on a fresh clone. Put the placeholder back.
function keepDistPlaceholder(): Plugin {
  return {
    name: 'hoso-keep-dist-gitkeep',
    apply: 'build',
    closeBundle() {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(resolve(outDir, '.gitkeep'), '');
    },
  };
}

export default defineConfig({
  plugins: [
    svelte(
      // Tests read no styles: jsdom lays nothing out, and vitest answered
      // each component's CSS module with an empty one anyway. Compiled with
      // css: 'external' and nothing emitted, a component imports no style
      // module at all, which spares 133 module requests for every test
      // file (each one imports the window again, vitest.setup.ts).
      process.env.VITEST ? { emitCss: false, compilerOptions: { css: 'external' } } : undefined,
    ),
    keepDistPlaceholder(),
  ],
  // Relative asset URLs work both under wails:// and when the Go node serves /.
  base: './',
  build: {
    outDir,
    emptyOutDir: true,
  },
  // Component tests need Svelte's browser build (mount), not the server one,
  // and the sections loaded up front (components/sections.eager.ts).
  resolve: process.env.VITEST
    ? {
        conditions: ['browser'],
        alias: [{ find: /^\.\/sections$/, replacement: resolve(import.meta.dirname, 'src/components/sections.eager.ts') }],
      }
    : undefined,
  test: {
    environment: 'jsdom',
    // Worker threads start faster than child processes (about a sixth off
    // the run on 2 cores).
    pool: 'threads',
    // One jsdom window per worker, shared by its files: building a window
    // per file (isolate: true) was more than half of the run's CPU (137 s
    // of CPU against 60 s). What a file leaves in the window (its timers and
    // listeners, the address it routed to, storage, stubs) the setup file
    // closes before the next file starts, as a fresh window would be.
    isolate: false,
    setupFiles: ['src/vitest.setup.ts'],
    include: ['src/**/*.test.ts'],
    // Whole-window tests click through several screens; on a busy 2-core CI
    // machine they can take a few seconds.
    testTimeout: 20_000,
  },
});
