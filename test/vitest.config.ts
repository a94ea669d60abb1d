import { defineConfig } from 'vitest/config';

// Each test spawns the CLI; embedded PGlite takes a few seconds to start in each process.
export default defineConfig({
  test: { testTimeout: 90_000, hookTimeout: 60_000, setupFiles: ['./support/setup.ts'] },
});
