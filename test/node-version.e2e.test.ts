import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Issue #19.9.3: under a Node too old to load TypeScript, stockpipe failed with a stack on its first `.ts` import.
// Its entry is plain JavaScript that says what is needed first. The system's Node, when older, plays the user's.
const ENTRY = new URL('../packages/pipeline/bin/stockpipe.js', import.meta.url).pathname;
const OLD_NODE = '/usr/bin/node';
const oldMajor = existsSync(OLD_NODE)
  ? Number(execFileSync(OLD_NODE, ['-p', 'process.versions.node.split(".")[0]']).toString())
  : undefined;

describe('#19.9.3 stockpipe under a Node older than it needs', () => {
  it.skipIf(oldMajor === undefined || oldMajor >= 24)(
    'says in one line that Node 24 is needed, and exits 2',
    async () => {
      const result = await new Promise<{ code: number; stderr: string }>((resolve) =>
        execFile(OLD_NODE, [ENTRY, 'status'], (error, _stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
        ),
      );
      expect(result.stderr).toMatch(
        /^stockpipe: needs Node 24 or newer; this is Node \d+\.\d+\.\d+ \(\/usr\/bin\/node\)\n$/,
      );
      expect(result.code).toBe(2);
    },
  );

  it('is what `pnpm stockpipe`, `pnpm demo` and the package bin run', () => {
    const root = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const pipeline = JSON.parse(
      readFileSync(new URL('../packages/pipeline/package.json', import.meta.url), 'utf8'),
    );
    expect(root.scripts.stockpipe).toBe('node packages/pipeline/bin/stockpipe.js');
    expect(root.scripts.demo).toBe('node packages/pipeline/bin/stockpipe.js demo');
    expect(pipeline.bin.stockpipe).toBe('./bin/stockpipe.js');
    expect(pipeline.scripts.demo).toBe('node bin/stockpipe.js demo');
  });
});
