import { join, resolve } from 'node:path';
import type { RawResponse, RawStore } from '../ports.ts';
import { writeFileAtomic } from './atomic-file.ts';

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
}
