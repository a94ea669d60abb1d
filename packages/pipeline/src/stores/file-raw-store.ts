import { access, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { hourKey } from '../hours.ts';
import type { RawResponse, RawStore } from '../ports.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { tickerFolder } from './raw-key.ts';

/** Raw responses as files under the data dir, at the same keys S3 would use; a sidecar keeps type and run id. */
export class FileRawStore implements RawStore {
  readonly location: string;
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

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const body = await readFile(join(this.location, key));
      return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async stagedHours(prefix: string, ticker: string, from: Date, to: Date): Promise<Set<string>> {
    const folder = join(this.location, tickerFolder(prefix, ticker));
    const [first, last] = [hourKey(from), hourKey(new Date(to.getTime() - 1))];
    const hours = (await readdir(folder).catch(() => [] as string[]))
      .filter((name) => name.startsWith('hour='))
      .map((name) => name.slice('hour='.length))
      .filter((hour) => hour >= first && hour <= last);
    // A folder is made before its file is renamed into it, and expiry removes the file: only a body counts.
    const present = await Promise.all(
      hours.map((hour) =>
        access(join(folder, `hour=${hour}`, 'response.json')).then(
          () => true,
          () => false,
        ),
      ),
    );
    return new Set(hours.filter((_, i) => present[i]));
  }
}
