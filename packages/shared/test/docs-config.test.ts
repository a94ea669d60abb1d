import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, DEFAULT_WATCHLIST, EnvSchema } from '../src/index.ts';

// docs/configuration.md's "## Environment variables" table is how people learn the contract: it must name every
// variable the schema reads, and no other, with the default the schema gives.
const PAGE = 'docs/configuration.md';
const SECTION = 'Environment variables';
const configurationPage = readFileSync(new URL(`../../../${PAGE}`, import.meta.url), 'utf8');

interface Row {
  names: string[];
  /** The default cell as written, e.g. "`sample`", "unset", "follows the store". */
  default: string;
}

function configurationTable(markdown: string): Row[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith(`${SECTION}\n`));
  if (!section) throw new Error(`${PAGE} has no "## ${SECTION}" section`);
  const cells = (line: string) =>
    line
      .trim()
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim());
  // The section's first table: header, separator, then a row per line until the table ends.
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  const [header = '', , ...rows] = lines.slice(start, end === -1 ? undefined : end);
  const columns = cells(header);
  const variable = columns.indexOf('variable');
  const fallback = columns.indexOf('default');
  if (variable === -1 || fallback === -1)
    throw new Error(`expected variable and default columns, got ${header}`);
  return rows.map((line) => {
    const row = cells(line);
    const names = [...(row[variable] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1] as string);
    return { names, default: row[fallback] ?? '' };
  });
}

/** Each variable with its default cell; a row naming several variables counts for each. */
function documentedDefaults(rows: Row[]): [string, string][] {
  return rows.flatMap((row) => {
    const literals = row.default.split(/,\s*/);
    // "`a`, `b`" beside "`A`, `B`" gives each its own; otherwise the one cell holds for every name.
    const own = row.names.length > 1 && literals.length === row.names.length;
    return row.names.map((name, i): [string, string] => [name, own ? (literals[i] as string) : row.default]);
  });
}

const rows = configurationTable(configurationPage);
const documented = documentedDefaults(rows);
// What the schema gives each variable when nothing is set.
const schemaDefaults: Record<string, unknown> = EnvSchema.parse({});
const code = (value: unknown) => `\`${String(value)}\``;

describe(`the configuration table of ${PAGE}`, () => {
  it('names every variable the config schema reads, once, and no other', () => {
    const names = documented.map(([name]) => name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    expect([...names].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('gives each variable the default the schema gives it', () => {
    const withDefault = documented.filter(([name]) => schemaDefaults[name] !== undefined);
    expect(Object.fromEntries(withDefault)).toEqual(
      Object.fromEntries(withDefault.map(([name]) => [name, code(schemaDefaults[name])])),
    );
  });

  it('gives no literal default to a variable the schema leaves unset', () => {
    // The watchlist's default is applied after the schema (parseConfig), from DEFAULT_WATCHLIST.
    const watchlist = DEFAULT_WATCHLIST.map((entry) => `${entry.ticker}:${entry.query}`).join(',');
    const unset = documented.filter(([name]) => schemaDefaults[name] === undefined);
    const claimed = unset.filter(([name, cell]) =>
      name === 'STOCKPIPE_WATCHLIST' ? cell !== code(watchlist) : /^`[^`]*`$/.test(cell),
    );
    expect(claimed).toEqual([]);
  });
});
