import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@stockpipe/shared';
import { describe, expect, it } from 'vitest';
import { sweepTemporaryFiles, writeFileAtomic, writeFileIfChanged } from '../../src/stores/atomic-file.ts';
import { usableDataDir } from '../../src/stores/data-dir.ts';

const dir = () => mkdtemp(join(tmpdir(), 'stockpipe-files-'));

/** A pid that no process has: one that ran and ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

describe('temporary files of atomic writes', () => {
  it('are prepared in the given folder and leave nothing there once written', async () => {
    const root = await dir();
    await writeFileAtomic(join(root, 'raw/a/response.json'), 'body', join(root, 'tmp'));
    expect(await readdir(join(root, 'raw/a'))).toEqual(['response.json']);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('are swept when their writer is gone (killed midway), and kept while it runs', async () => {
    const tmp = await dir();
    const dead = `${await deadPid()}.k3j2h1.tmp`;
    const live = `${process.ppid}.a1b2c3.tmp`; // a running process: a writer still at work
    const mine = `${process.pid}.d4e5f6.tmp`;
    for (const name of [dead, live, mine, 'notes.txt']) await writeFile(join(tmp, name), 'x');
    expect(await sweepTemporaryFiles(tmp)).toBe(1);
    expect((await readdir(tmp)).sort()).toEqual([live, mine, 'notes.txt'].sort());
  });

  it('are swept when older than any write takes, whoever has that pid now', async () => {
    const tmp = await dir();
    const name = `${process.ppid}.old000.tmp`;
    await writeFile(join(tmp, name), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    await utimes(join(tmp, name), twoHoursAgo, twoHoursAgo);
    expect(await sweepTemporaryFiles(tmp)).toBe(1);
    expect(await readdir(tmp)).toEqual([]);
  });
});

describe('writing only what changed', () => {
  it('leaves a file that already holds the bytes as it is, and replaces one that does not', async () => {
    const root = await dir();
    const path = join(root, 'posts/ticker=AMZN/hour=2024-12-06T15.json');
    expect(await writeFileIfChanged(path, '[1]', join(root, 'tmp'))).toBe('written');
    const before = (await stat(path)).ino;
    expect(await writeFileIfChanged(path, '[1]', join(root, 'tmp'))).toBe('unchanged');
    expect((await stat(path)).ino).toBe(before); // not renamed over
    expect(await writeFileIfChanged(path, '[2]', join(root, 'tmp'))).toBe('written');
    expect(await readFile(path, 'utf8')).toBe('[2]');
  });
});

describe('the data dir', () => {
  it('is made when missing, and given back absolute', async () => {
    const root = await dir();
    expect(await usableDataDir(join(root, 'a/b'))).toBe(join(root, 'a/b'));
  });

  it('naming a file is a configuration error that names the variable', async () => {
    const root = await dir();
    await writeFile(join(root, 'file'), 'x');
    await expect(usableDataDir(join(root, 'file'))).rejects.toThrow(ConfigError);
    await expect(usableDataDir(join(root, 'file/below'))).rejects.toThrow(
      /^bad configuration: STOCKPIPE_DATA_DIR: expected a folder stockpipe can write; .*file\/below: it, or a folder above it, is a file$/,
    );
  });

  it('where no folder can ever be made (under /proc) is a configuration error, not a hang', async () => {
    await expect(usableDataDir('/proc/stockpipe-test/deeper')).rejects.toThrow(
      /STOCKPIPE_DATA_DIR: .*it cannot be made/,
    );
  });

  it('where this user cannot write is a configuration error', async () => {
    // root writes anywhere a permission allows; /sys refuses even root.
    const unwritable = process.getuid?.() === 0 ? '/sys/kernel/stockpipe-test' : '/proc/stockpipe-test';
    await expect(usableDataDir(unwritable)).rejects.toThrow(
      /STOCKPIPE_DATA_DIR: expected a folder stockpipe can write; .*: this user cannot write there/,
    );
  });
});
