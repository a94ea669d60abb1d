import { join, resolve } from 'node:path';
import type { RawResponse, RawStore } from '../ports.ts';
import { writeFileAtomic } from './atomic-file.ts';

/** Raw responses as files under the data dir, at the same keys S3 would use; a sidecar keeps type and run id. */
export class FileRawStore implements RawStore {
  readonly location: string;

  constructor(root: string) {
    this.location = resolve(root);
  }

  async put(key: string, response: RawResponse, runId: string): Promise<void> {
    const path = join(this.location, key);
    await writeFileAtomic(path, response.body);
    await writeFileAtomic(`${path}.meta.json`, JSON.stringify({ contentType: response.contentType, runId }));
  }
}
