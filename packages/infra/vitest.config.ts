import { defineConfig } from 'vitest/config';

// Sized for a busy 2-core machine, where `pnpm test` runs every package's lint, typecheck and tests at once: tests
// that take a second or two alone took over vitest's default 5 s there and failed the run, and hooks that start
// PGlite or run the Pulumi program took over the 30 s they had.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 180_000 } });
