import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progress } from '../../src/cli/progress.ts';

/** A terminal that keeps what the bar draws (cli-progress asks a TTY stream for its width and cursor moves). */
function fakeTerminal() {
  let drawn = '';
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        drawn += chunk;
        done();
      },
    }),
    {
      isTTY: true,
      columns: 200,
      rows: 40,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
    },
  );
  return { terminal: stream as unknown as NodeJS.WriteStream, drawn: () => drawn };
}

describe('the progress bar on a terminal', () => {
  it('says nothing of X, its window or its requests when nothing is asked of X (sample data)', () => {
    const { terminal, drawn } = fakeTerminal();
    const bar = progress({ total: 10, label: 'backfill', terminal, line: () => {}, usesX: false });
    bar.advance([]);
    bar.xLeft(undefined);
    bar.stop();
    expect(drawn()).toMatch(/backfill .* 0\/10 ticker-hours/);
    expect(drawn()).not.toMatch(/\bX\b|window|request/);
  });

  it("shows what is left of X's window when X is asked", () => {
    const { terminal, drawn } = fakeTerminal();
    const bar = progress({ total: 10, label: 'backfill', terminal, line: () => {}, usesX: true });
    bar.xLeft(42);
    bar.stop();
    expect(drawn()).toMatch(/X 42 requests left/);
  });
});
