import { parseConfig } from '@stockpipe/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.ts';
import { planCommand } from '../../src/commands/plan-command.ts';

const FIVE = 'AMZN:#Amazon,AAPL:#Apple,MSFT:#Microsoft,TSLA:#Tesla,NVDA:#Nvidia';
const live = { STOCKPIPE_SOURCE: 'live', X_BEARER_TOKEN: 'token', STOCKPIPE_WATCHLIST: FIVE };

function plan(env: Record<string, string>): string {
  let out = '';
  expect(planCommand(parseConfig(env), (text) => (out += text))).toBe(0);
  return out;
}
const amount = (out: string, item: string) =>
  new RegExp(`^${item}.*?\\$([\\d,]+\\.\\d\\d)$`, 'm').exec(out)?.[1];

afterEach(() => vi.restoreAllMocks());

describe('stockpipe plan', () => {
  it('itemises the default stack’s month: X’s posts and counts, Comprehend, the AWS stack, as pulumi up does', () => {
    const out = plan({ ...live, STOCKPIPE_SENTIMENT: 'comprehend', AWS_REGION: 'us-east-1' });
    expect(out).toMatch(/schedule hourly: 730 runs; 5 tickers, up to 10 posts each; sentiment comprehend/);
    expect(out).toMatch(/^X posts read +5 tickers × 10 posts × 730 runs × \$0\.005 +\$182\.50$/m);
    expect(out).toMatch(/^X post counts +5 tickers × 730 runs × 1 request × \$0\.005 +\$18\.25$/m);
    expect(amount(out, 'Comprehend sentiment')).toBe('10.95');
    expect(amount(out, 'RDS db.t4g.micro')).toBe('11.68');
    // Live posts are checked with X once a day (stockpipe compliance), as the stack schedules it.
    expect(amount(out, 'Compliance check')).toBe('0.14');
    // And analyze --save once a day (STOCKPIPE_ANALYZE_SCHEDULE); the digest is off unless scheduled.
    expect(out).toMatch(
      /^Digest and analysis tasks +1\.0 task-h × \(\$0\.0123 \+ \$0\.005 IPv4\) +\$0\.02$/m,
    );
    expect(amount(out, 'total')).toBe('231.17');
    expect(out).toMatch(/X's posts and counts fit the budget: \$200\.75 of \$225\.00 a month/);
  });

  it('follows the levers: the session’s hours, more posts, the local scorer; and says when the budget runs out', () => {
    const out = plan({ ...live, STOCKPIPE_SCHEDULE: 'market-hours', X_MAX_RESULTS: '100' });
    expect(out).toMatch(/5 tickers × 100 posts × 152\.3 runs × \$0\.005 +\$380\.63/);
    expect(amount(out, 'Sentiment: the bundled local model')).toBe('0.00');
    expect(out).toMatch(/cost more than the budget, \$225\.00 a month.*\n.*after about 18 days/);
  });

  it('says what live X would add when the configuration reads sample data', () => {
    const out = plan({ STOCKPIPE_WATCHLIST: FIVE });
    expect(out).toMatch(/^X posts read +sample data: nothing read from X +\$0\.00$/m);
    expect(out).toMatch(/^X post counts +sample data: nothing counted by X +\$0\.00$/m);
    expect(amount(out, 'Compliance check')).toBeUndefined();
    expect(out).toMatch(/With STOCKPIPE_SOURCE=live, X's posts and counts would add \$200\.75 a month\./);
  });

  it('is a command of the CLI, exit 0', async () => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((text) => {
      out += String(text);
      return true;
    });
    expect(await main(['plan'], { STOCKPIPE_WATCHLIST: FIVE })).toBe(0);
    expect(out).toMatch(/^stockpipe plan: a month of this configuration/);
  });
});

describe('a watchlist past X’s search limit', () => {
  const many = Array.from({ length: 501 }, (_, i) => `T${i}:#t${i}`).join(',');

  it('is planned: plan makes no X request', () => {
    expect(plan({ ...live, STOCKPIPE_WATCHLIST: many })).toMatch(/501 tickers, up to 10 posts each/);
  });

  it('is refused by run, which searches X for every ticker', async () => {
    const { runCommand } = await import('../../src/commands/run-command.ts');
    await expect(runCommand(parseConfig({ ...live, STOCKPIPE_WATCHLIST: many }), {})).rejects.toThrow(
      /STOCKPIPE_WATCHLIST: 501 tickers; at most 500 a run/,
    );
  });
});
