import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';

/** Who holds a lock: enough for another process to say whom it waited for. */
export interface LockHolder {
  pid: number;
  /** The command line, e.g. `stockpipe run --hour 2024-12-06T15:00Z`. */
  command: string;
  /** When the holder took the lock (ISO). */
  since: string;
  /** Where the holder serves the embedded warehouse to other processes, once it does. */
  url?: string;
}

/** This process, as a lock holder. */
export function thisProcess(): LockHolder {
  return {
    pid: process.pid,
    command: ['stockpipe', ...process.argv.slice(2)].join(' '),
    since: new Date().toISOString(),
  };
}

// Held locks, kept reachable: a connection that the garbage collector closed would drop its lock unnoticed.
const held = new Set<DatabaseSync>();

/**
 * An exclusive lock on a file that the operating system holds for this process. SQLite's EXCLUSIVE transaction
 * takes a POSIX advisory lock (LockFileEx on Windows), which the kernel drops when the process ends in any way,
 * SIGKILL included, so a dead holder never leaves the lock stuck. Who holds it is written beside the lock file.
 */
export class FileLock {
  readonly #db: DatabaseSync;
  readonly #holderPath: string;
  #holder: LockHolder;

  private constructor(db: DatabaseSync, holderPath: string, holder: LockHolder) {
    this.#db = db;
    this.#holderPath = holderPath;
    this.#holder = holder;
  }

  /** Takes the lock if it is free; null when another process (or another lock in this one) holds it. */
  static tryAcquire(path: string, holder: LockHolder): FileLock | null {
    const db = new DatabaseSync(path, { timeout: 0 });
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      db.close();
      if (isBusy(error)) return null;
      throw error;
    }
    held.add(db);
    const lock = new FileLock(db, holderPathOf(path), holder);
    lock.#writeHolder();
    return lock;
  }

  /** Who holds the lock at `path`, as the holder wrote it; undefined when nobody said. */
  static readHolder(path: string): LockHolder | undefined {
    try {
      return JSON.parse(readFileSync(holderPathOf(path), 'utf8')) as LockHolder;
    } catch {
      return undefined;
    }
  }

  /** Adds to what others read about the holder (e.g. the URL it serves on). */
  announce(extra: Partial<LockHolder>): void {
    this.#holder = { ...this.#holder, ...extra };
    this.#writeHolder();
  }

  release(): void {
    if (!this.#db.isOpen) return;
    rmSync(this.#holderPath, { force: true });
    this.#db.close();
    held.delete(this.#db);
  }

  // A reader that catches it half-written reads no holder, and says "another process": no temp file needed.
  #writeHolder(): void {
    writeFileSync(this.#holderPath, `${JSON.stringify(this.#holder)}\n`);
  }
}

/**
 * Waits for the lock at `path` until `waitMs` has passed, polling. `instead` may end the wait early with another
 * way in (e.g. a holder that serves what we need); `busy` builds the error thrown when the wait is over; `waiting`
 * is told once, as the wait begins, so a person is not left before a silent command.
 */
export async function waitForLock<T = never>(
  path: string,
  options: {
    waitMs: number;
    instead?: (holder: LockHolder | undefined) => Promise<T | undefined>;
    busy: (holder: LockHolder | undefined, waitedMs: number) => Error;
    waiting?: (holder: LockHolder | undefined) => void;
  },
): Promise<FileLock | T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const lock = FileLock.tryAcquire(path, thisProcess());
    if (lock) return lock;
    const holder = FileLock.readHolder(path);
    const other = await options.instead?.(holder);
    if (other !== undefined) return other;
    const waited = Date.now() - started;
    if (waited >= options.waitMs) throw options.busy(holder, waited);
    if (attempt === 0) options.waiting?.(holder);
    // Quick at first (a short command is about to finish), then once a second.
    await sleep(Math.min(options.waitMs - waited, attempt < 10 ? 100 : 1_000));
  }
}

/** "pid 4242 (stockpipe run --hour 2024-12-06T15:00Z, since 16:40:01Z)", or what is known of it. */
export function describeHolder(holder: LockHolder | undefined): string {
  if (!holder) return 'another process';
  return `pid ${holder.pid} (${holder.command}, since ${holder.since.slice(11, 19)}Z)`;
}

const holderPathOf = (path: string) => `${path}.holder.json`;

function isBusy(error: unknown): boolean {
  // SQLITE_BUSY (5) or SQLITE_LOCKED (6): another connection holds the lock.
  const code = (error as { errcode?: number }).errcode;
  return code === 5 || code === 6;
}
