import { access, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { largest } from '../extremes.ts';
import type { Expiring, RawResponse, RawStore } from '../ports.ts';
import { asideKeys, RAW_FILES, tickerFolder } from '../raw/raw-key.ts';
import { hourKey } from '../time/hours.ts';
import { writeFileAtomic } from './atomic-file.ts';

/**
 * Raw responses as files under the data dir, at the same keys S3 would use; a sidecar keeps type and run id.
 * Files keep no versions; the job expires them itself (S3 has a lifecycle rule for that).
 */
export class FileRawStore implements RawStore, Expiring {
  readonly location: string;
  readonly what = 'raw bodies';
  readonly keeps = 'raw';
  readonly #tmpDir: string | undefined;

  /** `tmpDir`: where writes are prepared before they are renamed into place (default: beside each file). */
  constructor(root: string, options: { tmpDir?: string } = {}) {
    this.location = resolve(root);
    this.#tmpDir = options.tmpDir;
  }

  async put(key: string, response: RawResponse, runId: string): Promise<void> {
    const path = join(this.location, key);
    const meta = JSON.stringify({ contentType: response.contentType, runId });
    await writeFileAtomic(path, response.body, this.#tmpDir);
    await writeFileAtomic(`${path}.meta.json`, meta, this.#tmpDir);
  }

  async setAside(key: string, response: RawResponse, reason: string, runId: string): Promise<void> {
    const aside = asideKeys(key);
    const path = join(this.location, aside.body);
    await writeFileAtomic(path, response.body, this.#tmpDir);
    await writeFileAtomic(
      `${path}.meta.json`,
      JSON.stringify({ contentType: response.contentType, runId }),
      this.#tmpDir,
    );
    await writeFileAtomic(join(this.location, aside.reason), `${reason}\n`, this.#tmpDir);
    const staged = join(this.location, key);
    await Promise.all([rm(staged, { force: true }), rm(`${staged}.meta.json`, { force: true })]);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const body = await readFile(join(this.location, key));
      return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    } catch (error) {
      // Not there: no such file, or a file where one of its folders would be.
      const { code } = error as NodeJS.ErrnoException;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw error;
    }
  }

  stagedHours(prefix: string, ticker: string, from: Date, to: Date): Promise<Set<string>> {
    return this.#hoursWith(RAW_FILES.body, prefix, ticker, from, to);
  }

  redactedHours(prefix: string, ticker: string, from: Date, to: Date): Promise<Set<string>> {
    return this.#hoursWith(RAW_FILES.redactions, prefix, ticker, from, to);
  }

  /** A file is rewritten in place: no older version of it remains. */
  async dropOlderVersions(): Promise<number> {
    return 0;
  }

  /**
   * Removes each hour's folder (body, sidecar, redaction record) whose files were all written before `before`,
   * as S3's lifecycle counts from when an object was written; says how many bodies went.
   */
  async expire(before: Date, { dryRun }: { dryRun: boolean }): Promise<number> {
    const entries = await readdir(this.location, { recursive: true, withFileTypes: true }).catch(() => []);
    const folders = entries
      .filter((e) => e.isDirectory() && e.name.startsWith('hour='))
      .map((e) => join(e.parentPath, e.name));
    const limit = pLimit(32);
    const expired = await Promise.all(
      folders.map((folder) =>
        limit(async () => {
          const files = await readdir(folder);
          const written = await Promise.all(files.map((f) => stat(join(folder, f)).then((s) => s.mtimeMs)));
          if (files.length === 0 || largest(written) >= before.getTime()) return 0;
          if (!dryRun) await rm(folder, { recursive: true, force: true });
          return files.includes(RAW_FILES.body) ? 1 : 0;
        }),
      ),
    );
    return expired.reduce((sum: number, n) => sum + n, 0);
  }

  async #hoursWith(file: string, prefix: string, ticker: string, from: Date, to: Date): Promise<Set<string>> {
    const folder = join(this.location, tickerFolder(prefix, ticker));
    const [first, last] = [hourKey(from), hourKey(new Date(to.getTime() - 1))];
    const hours = (await readdir(folder).catch(() => [] as string[]))
      .filter((name) => name.startsWith('hour='))
      .map((name) => name.slice('hour='.length))
      .filter((hour) => hour >= first && hour <= last);
    // A folder is made before its file is renamed into it, and expiry removes the file: only the file counts.
    const present = await Promise.all(
      hours.map((hour) =>
        access(join(folder, `hour=${hour}`, file)).then(
          () => true,
          () => false,
        ),
      ),
    );
    return new Set(hours.filter((_, i) => present[i]));
  }
}
