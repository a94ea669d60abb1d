import { defineConfig } from 'vitest/config';

// Each test spawns the CLI, a few times; embedded PGlite takes a few seconds to start in each process. The timeouts
// are for a busy 2-core machine (`pnpm test` runs every package's tasks at once), where a test is several times
// slower than alone: they catch a hang, not slowness. A test that times out has the CLIs it left running killed
// (support/setup.ts), so that its work does not land in the next test.
export default defineConfig({
  test: { testTimeout: 600_000, hookTimeout: 300_000, setupFiles: ['./support/setup.ts'] },
});
