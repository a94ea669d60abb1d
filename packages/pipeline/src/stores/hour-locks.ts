import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { BusyError } from '../errors.ts';
import { describeHolder, waitForLock } from './file-lock.ts';

/** Holds an hour so two runs of it never write at once; resolves to the release. */
export interface HourLock {
  lock(hourStart: Date): Promise<() => Promise<void>>;
}

// The first key of the hour lock: stockpipe's own space among the database's advisory locks.
const HOUR_LOCK_NAMESPACE = 0x5354_4b50; // "STKP"

const gaveUp = (waitMs: number) => `gave up after ${waitMs / 1000} s (STOCKPIPE_LOCK_WAIT_SECONDS)`;

/**
 * On a PostgreSQL server: a session advisory lock on the hour, held on its own connection for the whole run, so
 * runs on different machines exclude each other. A second run of the hour waits, then gives up.
 */
export class AdvisoryHourLock implements HourLock {
  readonly #pool: pg.Pool;
  readonly #waitMs: number;

  constructor(pool: pg.Pool, waitMs: number) {
    this.#pool = pool;
    this.#waitMs = waitMs;
  }

  async lock(hourStart: Date): Promise<() => Promise<void>> {
    const key = [HOUR_LOCK_NAMESPACE, Math.floor(hourStart.getTime() / 3_600_000)];
    const client = await this.#pool.connect();
    try {
      const giveUpAt = Date.now() + this.#waitMs;
      for (;;) {
        const { rows } = await client.query('SELECT pg_try_advisory_lock($1, $2) AS locked', key);
        if (rows[0]?.locked) break;
        if (Date.now() >= giveUpAt) {
          throw new BusyError(
            `another stockpipe run is processing ${hourStart.toISOString()}; ${gaveUp(this.#waitMs)}`,
          );
        }
        await sleep(Math.min(1_000, Math.max(0, giveUpAt - Date.now())));
      }
    } catch (error) {
      client.release();
      throw error;
    }
    return async () => {
      try {
        await client.query('SELECT pg_advisory_unlock($1, $2)', key);
      } finally {
        client.release();
      }
    };
  }
}

/**
 * On the embedded warehouse: one writer at a time in the data dir, whatever the hour. PGlite is a single backend
 * shared by every client of one process, so advisory locks there exclude nothing; an OS lock on a file in the
 * data dir does, between this process and any other, also when they write through `serve-warehouse`.
 */
export class DataDirWriterLock implements HourLock {
  readonly #path: string;
  readonly #waitMs: number;

  constructor(dataDir: string, waitMs: number) {
    this.#path = join(dataDir, 'writer.lock');
    this.#waitMs = waitMs;
  }

  async lock(hourStart: Date): Promise<() => Promise<void>> {
    const lock = await waitForLock(this.#path, {
      waitMs: this.#waitMs,
      busy: (holder) =>
        new BusyError(
          `${describeHolder(holder)} is writing to the data dir's warehouse, so ${hourStart.toISOString()} waits; ${gaveUp(this.#waitMs)}`,
        ),
    });
    return async () => lock.release();
  }
}
