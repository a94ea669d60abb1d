import { defineConfig } from 'vitest/config';

// Sized for a busy 2-core machine, where `pnpm test` runs every package's lint, typecheck and tests at once: there
// tests that take a few seconds alone took 5-42 s (over vitest's default 5 s), and hooks that start PGlite or run
// the Pulumi program over 100 s. The timeouts catch a hang, not slowness.
export default defineConfig({ test: { testTimeout: 120_000, hookTimeout: 180_000 } });
