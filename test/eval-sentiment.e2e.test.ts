import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stockpipe, tempDir } from './support/cli.ts';

// Rows of the training data (which the committed model has learnt), the last one labelled wrongly on purpose.
const CSV = `text,label
$BYND - JPMorgan reels in expectations on Beyond Meat https://t.co/bd0xbFGjkT,0
$ALTG: Dougherty & Company starts at Buy,positive
"$LB - MKM Partners puts a number
on Victoria's Secret https://t.co/VSzHLqLBgE",2
$CCL $RCL - Nomura points to bookings weakness at Carnival and Royal Caribbean https://t.co/yGjpT2ReD3,bullish
`;

async function csvFile(content: string): Promise<string> {
  const file = join(await tempDir('eval'), 'labelled.csv');
  await writeFile(file, content);
  return file;
}

describe('stockpipe eval-sentiment', () => {
  it('reports accuracy, per-class precision and recall, macro-F1 and the confusion matrix', async () => {
    const result = await stockpipe(['eval-sentiment', await csvFile(CSV)], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/scorer: local/);
    expect(result.stdout).toMatch(/rows 4 {3}accuracy 75\.0% {3}macro-F1 0\.7778/);
    expect(result.stdout).toMatch(/negative {8}50\.0% {2}100\.0%/);
    expect(result.stdout).toMatch(/positive {7}100\.0% {3}50\.0%/);
  });

  it('prints the same figures as JSON for machines', async () => {
    const result = await stockpipe(['eval-sentiment', '--json', await csvFile(CSV)], {});
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ scorer: 'local', rows: 4, accuracy: 0.75, badRows: [], unscored: 0 });
    expect(report.confusion).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('reports rows it cannot read and evaluates the others', async () => {
    const result = await stockpipe(['eval-sentiment', await csvFile(`${CSV}"no label",\nsome text,4\n`)], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /skipped line 7: unknown label "" \(expected 0, 1, 2, negative, positive or neutral\)/,
    );
    expect(result.stdout).toMatch(/skipped line 8: unknown label "4"/);
    expect(result.stdout).toMatch(/rows 4 /);
  });

  it('exits 2 with a clear message for a file without the columns it needs, or no file', async () => {
    const missing = await stockpipe(['eval-sentiment', await csvFile('tweet,sentiment\nhello,1\n')], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/FILE: the CSV needs a "text" column; its header is "tweet,sentiment"/);
    const absent = await stockpipe(['eval-sentiment', '/nonexistent.csv'], {});
    expect([absent.code, absent.stderr.includes('cannot read /nonexistent.csv (ENOENT)')]).toEqual([2, true]);
  });
});
