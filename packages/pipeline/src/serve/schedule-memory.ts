import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../stores/atomic-file.ts';

/**
 * What the scheduler remembers between serves: the last firing each task handled. Without it, a daily task whose
 * time passed while serve was stopped (a laptop shut overnight, a restart at 00:31) would wait a whole day.
 */
export interface ScheduleMemory {
  load(): Promise<Map<string, Date>>;
  save(handled: ReadonlyMap<string, Date>): Promise<void>;
}

/** Nothing remembered: each serve starts afresh (tests, and the scheduler's default). */
export const forgetfulMemory: ScheduleMemory = {
  load: async () => new Map(),
  save: async () => {},
};

/**
 * The memory as a small JSON file in the data dir, replaced whole on each save. A file that is missing or cannot be
 * read is no memory: the worst that follows is one daily task waiting for its next firing, as before.
 */
export function fileScheduleMemory(path: string): ScheduleMemory {
  return {
    async load() {
      const text = await readFile(path, 'utf8').catch(() => '{}');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return new Map();
      }
      const handled = new Map<string, Date>();
      if (parsed && typeof parsed === 'object')
        for (const [name, iso] of Object.entries(parsed)) {
          const at = new Date(typeof iso === 'string' ? iso : Number.NaN);
          if (!Number.isNaN(at.getTime())) handled.set(name, at);
        }
      return handled;
    },
    async save(handled) {
      const entries = [...handled].map(([name, at]) => [name, at.toISOString()]);
      await writeFileAtomic(path, `${JSON.stringify(Object.fromEntries(entries))}\n`);
    },
  };
}
