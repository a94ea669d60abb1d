import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const STOP_SIGNAL = fileURLToPath(new URL('../src/stop-signal.ts', import.meta.url));

// A process that loads stop-signal.ts, waits until its parent (a shell) has gone, and only then starts waiting to
// be stopped: as serve-warehouse does when pnpm is stopped while the server starts. It prints what ended the wait.
const ORPHAN = `
const { stopRequested } = await import(${JSON.stringify(STOP_SIGNAL)});
const parent = process.ppid;
while (process.ppid === parent) await new Promise((resolve) => setTimeout(resolve, 20));
const why = await Promise.race([stopRequested(), new Promise((resolve) => setTimeout(resolve, 3000, 'still running'))]);
process.stdout.write(why);
process.exit(0);
`;

describe('stopRequested', () => {
  it('notices a parent that went before the wait began, and stops', async () => {
    const script = join(await mkdtemp(join(tmpdir(), 'stockpipe-orphan-')), 'orphan.mjs');
    await writeFile(script, ORPHAN);
    // The shell starts the orphan-to-be in the background and exits: its child is left to init.
    const shell = spawn('sh', ['-c', '"$0" "$1" & sleep 0.3', process.execPath, script]);
    let out = '';
    shell.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    await new Promise((resolve) => shell.stdout.on('close', resolve));
    expect(out).toBe('parent exited');
  });
});
