import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const STOP_SIGNAL = fileURLToPath(new URL('../src/stop-signal.ts', import.meta.url));

// A process that loads stop-signal.ts, waits until its parent (a shell) has gone, and only then starts waiting to
// be stopped: as serve-warehouse does when pnpm is stopped while the server starts. It prints what ended the wait.
// The shell waits for the file the orphan writes once it has loaded stop-signal.ts: a shell that slept a fixed time
// instead could exit first on a busy machine, and the orphan would then wait forever for a parent already gone.
const ORPHAN = `
const { stopRequested } = await import(${JSON.stringify(STOP_SIGNAL)});
const parent = process.ppid;
(await import('node:fs')).writeFileSync(process.argv[2], 'loaded');
while (process.ppid === parent) await new Promise((resolve) => setTimeout(resolve, 20));
const why = await Promise.race([stopRequested(), new Promise((resolve) => setTimeout(resolve, 10_000, 'still running'))]);
process.stdout.write(why);
process.exit(0);
`;

describe('stopRequested', () => {
  it('notices a parent that went before the wait began, and stops', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stockpipe-orphan-'));
    const script = join(dir, 'orphan.mjs');
    await writeFile(script, ORPHAN);
    // The shell starts the orphan-to-be in the background, waits until it has loaded, and exits: its child is left
    // to init.
    const shell = spawn('sh', [
      '-c',
      '"$0" "$1" "$2" & until [ -e "$2" ]; do sleep 0.05; done',
      process.execPath,
      script,
      join(dir, 'loaded'),
    ]);
    let out = '';
    shell.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    await new Promise((resolve) => shell.stdout.on('close', resolve));
    expect(out).toBe('parent exited');
  });
});
