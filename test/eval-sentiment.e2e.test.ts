import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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

  it('says figures on its own training data are not a fair evaluation', async () => {
    const training = join(
      import.meta.dirname,
      '../packages/pipeline/data/twitter-financial-news-sentiment-train.csv',
    );
    const whole = await stockpipe(['eval-sentiment', training], {});
    expect(whole.code).toBe(0);
    expect(whole.stdout).toMatch(
      /not a fair evaluation: all 9543 rows are the local model's own training data, which it has learnt; evaluate posts it never saw, or cross-validate: pnpm --filter @stockpipe\/pipeline train-sentiment --cross-validate/,
    );
    const some = await stockpipe(
      ['eval-sentiment', await csvFile(`${CSV}Nobody wrote this post before,neutral\n`)],
      {},
    );
    expect(some.stdout).toMatch(/not a fair evaluation: 3 of 5 rows are the local model's own training data/);
  });

  it('prints the same figures as JSON for machines', async () => {
    const result = await stockpipe(['eval-sentiment', '--json', await csvFile(CSV)], {});
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      scorer: 'local',
      rows: 4,
      accuracy: 0.75,
      badRows: [],
      unscored: 0,
      trainingRows: 3, // the third row is broken over two lines here
    });
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
      /skipped line 7: unknown label "" \(expected 0, 1, 2, negative, positive, neutral, bearish or bullish\)/,
    );
    expect(result.stdout).toMatch(/skipped line 8: unknown label "4"/);
    expect(result.stdout).toMatch(/rows 4 /);
  });

  it('exits 2 with a clear message for a file without the columns it needs, or no file', async () => {
    const wrong = await csvFile('tweet,sentiment\nhello,1\n');
    const missing = await stockpipe(['eval-sentiment', wrong], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      `FILE: ${wrong}: the CSV needs a "text" column; its header is "tweet,sentiment"`,
    );
    const absent = await stockpipe(['eval-sentiment', '/nonexistent.csv'], {});
    expect([absent.code, absent.stderr.includes('cannot read /nonexistent.csv (ENOENT)')]).toEqual([2, true]);
  });

  it('averages macro-F1 over the classes that occur: two right answers score 1, not 0.6667', async () => {
    const twoRows = CSV.split('\n').slice(0, 3).join('\n');
    const result = await stockpipe(['eval-sentiment', await csvFile(twoRows)], {});
    expect(result.stdout).toMatch(/rows 2 {3}accuracy 100\.0% {3}macro-F1 1\.0000/);
    expect(result.stdout).toMatch(/^neutral +– +– +– +0$/m);
  });

  it('exits 2 saying there is nothing to evaluate, for an empty file or a header alone', async () => {
    const empty = await csvFile('');
    const emptyResult = await stockpipe(['eval-sentiment', empty], {});
    expect(emptyResult.code).toBe(2);
    expect(emptyResult.stderr).toMatch(`FILE: ${empty}: the file is empty; expected a header naming "text"`);
    const header = await csvFile('text,label\n');
    const headerResult = await stockpipe(['eval-sentiment', header], {});
    expect([headerResult.code, headerResult.stdout]).toEqual([2, '']);
    expect(headerResult.stderr).toMatch(`FILE: ${header}: no rows to evaluate (the file has a header only)`);
    const unreadable = await stockpipe(['eval-sentiment', await csvFile('text,label\nhello,up\n')], {});
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(
      /no rows to evaluate \(all 1 rows skipped, e\.g\. line 2: unknown label "up"/,
    );
  });

  it('takes a relative path from where the user ran it (INIT_CWD under pnpm), and shows the path it tried', async () => {
    const file = await csvFile(CSV);
    const fromThere = await stockpipe(['eval-sentiment', basename(file)], { INIT_CWD: dirname(file) });
    expect(fromThere.code).toBe(0);
    expect(fromThere.stdout).toMatch(/rows 4 /);
    const missing = await stockpipe(['eval-sentiment', 'nope.csv'], { INIT_CWD: dirname(file) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(`FILE: cannot read ${join(dirname(file), 'nope.csv')} (ENOENT)`);
  });

  it('documents the labels it accepts in --help', async () => {
    const help = await stockpipe(['eval-sentiment', '--help'], {});
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(
      /labels 0\/1\/2 as in the training data, negative\/positive\/neutral, or bearish \(= negative\) \/ bullish \(= positive\)/,
    );
  });
});
