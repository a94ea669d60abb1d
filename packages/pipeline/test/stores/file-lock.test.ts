import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeHolder, FileLock, thisProcess, waitForLock } from '../../src/stores/file-lock.ts';

const lockFile = async () => join(await mkdtemp(join(tmpdir(), 'stockpipe-lock-')), 'x.lock');
const FILE_LOCK = fileURLToPath(new URL('../../src/stores/file-lock.ts', import.meta.url));

/**
 * Another process that takes the lock and holds it until killed; resolves once it holds it. It keeps no reference
 * to the lock and collects garbage first: a lock must not depend on its taker keeping the object alive.
 */
async function holdInAnotherProcess(path: string) {
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--input-type=module',
      '-e',
      `import { FileLock } from ${JSON.stringify(FILE_LOCK)};
       const got = (() => FileLock.tryAcquire(${JSON.stringify(path)}, { pid: process.pid, command: 'stockpipe run --hour 2024-12-06T15:00Z', since: new Date().toISOString() }) !== null)();
       globalThis.gc();
       console.log(got ? 'held' : 'busy');
       setInterval(() => {}, 1000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const first = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d))));
  expect(first.trim()).toBe('held');
  return child;
}

describe('FileLock', () => {
  it('is held by one taker at a time, and free again once released', async () => {
    const path = await lockFile();
    const first = FileLock.tryAcquire(path, thisProcess());
    expect(first).not.toBeNull();
    expect(FileLock.tryAcquire(path, thisProcess())).toBeNull();
    first?.release();
    const second = FileLock.tryAcquire(path, thisProcess());
    expect(second).not.toBeNull();
    second?.release();
  });

  it('tells others who holds it, and what the holder announced', async () => {
    const path = await lockFile();
    const lock = FileLock.tryAcquire(path, {
      pid: 4242,
      command: 'stockpipe serve-warehouse',
      since: '2026-11-29T16:40:01.000Z',
    });
    expect(FileLock.readHolder(path)).toEqual({
      pid: 4242,
      command: 'stockpipe serve-warehouse',
      since: '2026-11-29T16:40:01.000Z',
    });
    lock?.announce({ url: 'postgresql://postgres@127.0.0.1:5433/postgres' });
    expect(FileLock.readHolder(path)?.url).toBe('postgresql://postgres@127.0.0.1:5433/postgres');
    expect(describeHolder(FileLock.readHolder(path))).toBe(
      'pid 4242 (stockpipe serve-warehouse, since 16:40:01Z)',
    );
    lock?.release();
    expect(FileLock.readHolder(path)).toBeUndefined();
  });

  it('excludes another process, and dies with it: a SIGKILL never leaves it stuck', async () => {
    const path = await lockFile();
    const child = await holdInAnotherProcess(path);
    expect(FileLock.tryAcquire(path, thisProcess())).toBeNull();
    expect(FileLock.readHolder(path)).toMatchObject({
      pid: child.pid,
      command: 'stockpipe run --hour 2024-12-06T15:00Z',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const lock = FileLock.tryAcquire(path, thisProcess());
    expect(lock).not.toBeNull();
    lock?.release();
  });
});

describe('waitForLock', () => {
  it('gives up when the wait is over, with the error naming the holder', async () => {
    const path = await lockFile();
    const child = await holdInAnotherProcess(path);
    try {
      await expect(
        waitForLock(path, {
          waitMs: 300,
          busy: (holder) => new Error(`busy: ${describeHolder(holder)}`),
        }),
      ).rejects.toThrow(
        new RegExp(`busy: pid ${child.pid} \\(stockpipe run --hour 2024-12-06T15:00Z, since`),
      );
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('tells who it waits for once, as the wait begins, not at its end', async () => {
    const path = await lockFile();
    const child = await holdInAnotherProcess(path);
    const told: string[] = [];
    try {
      await expect(
        waitForLock(path, {
          waitMs: 1_500,
          busy: () => new Error('busy'),
          waiting: (holder) => told.push(`${describeHolder(holder)} at ${told.length}`),
        }),
      ).rejects.toThrow('busy');
      expect(told).toHaveLength(1);
      expect(told[0]).toMatch(new RegExp(`^pid ${child.pid} \\(stockpipe run`));
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes the lock as soon as its holder lets go', async () => {
    const path = await lockFile();
    const held = FileLock.tryAcquire(path, thisProcess());
    const waiting = waitForLock(path, { waitMs: 30_000, busy: () => new Error('busy') });
    setImmediate(() => held?.release());
    const lock = await waiting;
    expect(lock).toBeInstanceOf(FileLock);
    lock.release();
  });

  it('ends the wait early when the holder offers another way in', async () => {
    const path = await lockFile();
    const held = FileLock.tryAcquire(path, thisProcess());
    held?.announce({ url: 'postgresql://postgres@127.0.0.1:5433/postgres' });
    const way = await waitForLock(path, {
      waitMs: 30_000,
      instead: async (holder) => holder?.url,
      busy: () => new Error('busy'),
    });
    expect(way).toBe('postgresql://postgres@127.0.0.1:5433/postgres');
    held?.release();
  });
});
