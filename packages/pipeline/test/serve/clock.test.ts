import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileClock } from '../../src/serve/clock.ts';

async function clockFile(text: string) {
  const path = join(await mkdtemp(join(tmpdir(), 'clock-')), 'clock');
  await writeFile(path, text);
  return path;
}

describe('fileClock', () => {
  it('reads the instant the file holds, each time it is asked', async () => {
    const path = await clockFile('2024-12-06T15:30:00Z\n');
    const clock = fileClock(path);
    expect(clock.now().toISOString()).toBe('2024-12-06T15:30:00.000Z');
    await writeFile(path, '2024-12-06T16:06:00Z\n');
    expect(clock.now().toISOString()).toBe('2024-12-06T16:06:00.000Z');
  });

  it('keeps the last instant while a writer has truncated the file and not yet written it', async () => {
    const path = await clockFile('2024-12-06T15:30:00Z\n');
    const clock = fileClock(path);
    clock.now();
    await writeFile(path, '');
    expect(clock.now().toISOString()).toBe('2024-12-06T15:30:00.000Z');
  });

  it('refuses text that is not an instant, and an empty file it has never read a time from', async () => {
    const [garbled, empty] = [await clockFile('soon'), await clockFile('')];
    expect(() => fileClock(garbled).now()).toThrow(/expected an ISO instant, got "soon"/);
    expect(() => fileClock(empty).now()).toThrow(/expected an ISO instant, got ""/);
  });
});
