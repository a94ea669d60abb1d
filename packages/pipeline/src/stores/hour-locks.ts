import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { BusyError } from '../errors.ts';
import type { HeldHours } from '../ports.ts';
import { describeHolder, FileLock, thisProcess, waitForLock } from './file-lock.ts';

/**
 * Holds hours so two runs never write the same hour at once. `waitFor` is the hour the caller cannot do without
 * (a run's own hour): it waits for it, up to the lock wait, then fails. The other hours are taken if free and
 * left out if not (another run is on them), so catching up or backfilling never waits behind the hourly job.
 */
export interface HourLock {
  lock(hours: readonly Date[], options?: { waitFor?: Date }): Promise<HeldHours>;
}

// The first key of the hour lock: stockpipe's own space among the database's advisory locks.
const HOUR_LOCK_NAMESPACE = 0x5354_4b50; // "STKP"

const gaveUp = (waitMs: number) => `gave up after ${waitMs / 1000} s (STOCKPIPE_LOCK_WAIT_SECONDS)`;
const hourNumber = (hour: Date) => Math.floor(hour.getTime() / 3_600_000);

/**
 * On a PostgreSQL server: a session advisory lock per hour, held on one connection of its own until released, so
 * runs on different machines exclude each other. Taken in time order, so two runs never wait on each other.
 */
export class AdvisoryHourLock implements HourLock {
  readonly #pool: pg.Pool;
  readonly #waitMs: number;

  constructor(pool: pg.Pool, waitMs: number) {
    this.#pool = pool;
    this.#waitMs = waitMs;
  }

  async lock(hours: readonly Date[], options: { waitFor?: Date } = {}): Promise<HeldHours> {
    const ordered = [...new Set(hours.map(hourNumber))].sort((a, b) => a - b);
    const client = await this.#pool.connect();
    const held: number[] = [];
    // A connection lost meanwhile lost its locks with it (the server ends the session): nothing left to unlock.
    const release = async () => {
      try {
        for (const hour of held)
          await client.query('SELECT pg_advisory_unlock($1, $2)', [HOUR_LOCK_NAMESPACE, hour]);
        client.release();
      } catch (error) {
        client.release(error as Error);
      }
    };
    try {
      for (const hour of ordered) {
        const wait = options.waitFor !== undefined && hourNumber(options.waitFor) === hour;
        if (await this.#take(client, hour, wait)) held.push(hour);
      }
    } catch (error) {
      await release().catch(() => {});
      throw error;
    }
    return { hours: held.map((h) => new Date(h * 3_600_000)), release };
  }

  async #take(client: pg.PoolClient, hour: number, wait: boolean): Promise<boolean> {
    const giveUpAt = Date.now() + (wait ? this.#waitMs : 0);
    for (;;) {
      const { rows } = await client.query('SELECT pg_try_advisory_lock($1, $2) AS locked', [
        HOUR_LOCK_NAMESPACE,
        hour,
      ]);
      if (rows[0]?.locked) return true;
      if (!wait) return false;
      if (Date.now() >= giveUpAt) {
        const at = new Date(hour * 3_600_000).toISOString();
        throw new BusyError(`another stockpipe run is processing ${at}; ${gaveUp(this.#waitMs)}`);
      }
      await sleep(Math.min(1_000, Math.max(0, giveUpAt - Date.now())));
    }
  }
}

/**
 * On the embedded warehouse: one writer at a time in the data dir, whatever the hours. PGlite is a single backend
 * shared by every client of one process, so advisory locks there exclude nothing; an OS lock on a file in the
 * data dir does, between this process and any other, also when they write through `serve-warehouse`.
 */
export class DataDirWriterLock implements HourLock {
  readonly #path: string;
  readonly #waitMs: number;
  readonly #waiting: ((notice: string) => void) | undefined;

  constructor(dataDir: string, waitMs: number, waiting?: (notice: string) => void) {
    this.#path = join(dataDir, 'writer.lock');
    this.#waitMs = waitMs;
    this.#waiting = waiting;
  }

  async lock(hours: readonly Date[], options: { waitFor?: Date } = {}): Promise<HeldHours> {
    const { waitFor } = options;
    const lock = waitFor
      ? await waitForLock(this.#path, {
          waitMs: this.#waitMs,
          busy: (holder) =>
            new BusyError(
              `${describeHolder(holder)} is writing to the data dir's warehouse, so ${waitFor.toISOString()} waits; ${gaveUp(this.#waitMs)}`,
            ),
          waiting: (holder) =>
            this.#waiting?.(
              `the data dir's warehouse is being written: waiting for ${describeHolder(holder)}, up to ${this.#waitMs / 1000} s (STOCKPIPE_LOCK_WAIT_SECONDS)`,
            ),
        })
      : FileLock.tryAcquire(this.#path, thisProcess());
    if (!lock) return { hours: [], release: async () => {} };
    return { hours: [...hours], release: async () => lock.release() };
  }
}
