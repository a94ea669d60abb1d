import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseSettings, SETTING_KEYS } from '../src/decisions/settings.ts';

// `pulumi config` and a new stack read the defaults Pulumi.yaml declares; the program applies the schema's. Every
// key must be in both, and declaring its default must change nothing.
const PULUMI_YAML = readFileSync(new URL('../Pulumi.yaml', import.meta.url), 'utf8');

/** Settings whose default follows from others, so Pulumi.yaml cannot declare one (a key without one is required). */
const DERIVED = ['postsRetentionDays'];

/**
 * Each key under `config:` with its `default`, as the text Pulumi hands the program (`5`, `false`, `03:30`).
 * Reads the file's own shape: `  <key>:` then `    description:`/`    default:` lines; any other line under
 * `config:` throws, so an entry this reader does not understand is never skipped.
 */
function declaredConfig(yaml: string): Map<string, string | undefined> {
  const lines = yaml.split('\n');
  const start = lines.indexOf('config:');
  if (start === -1) throw new Error('Pulumi.yaml has no config: section');
  const declared = new Map<string, string | undefined>();
  let key: string | undefined;
  for (const line of lines.slice(start + 1)) {
    if (line === '' || line.startsWith('#')) continue;
    if (!line.startsWith(' ')) break;
    const entry = /^ {2}([\w:]+):$/.exec(line);
    const field = /^ {4}(\w+): (.*)$/.exec(line);
    if (entry) {
      key = entry[1] as string;
      declared.set(key, undefined);
    } else if (key && field?.[1] === 'default') {
      declared.set(key, scalar(field[2] as string));
    } else if (!key || field?.[1] !== 'description') {
      throw new Error(`Pulumi.yaml: unexpected ${line}`);
    }
  }
  return declared;
}

/** A YAML scalar's text: quoted or plain. */
function scalar(text: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(text.trim());
  return quoted ? (quoted[2] as string) : text.trim();
}

const declared = declaredConfig(PULUMI_YAML);
const defaults = parseSettings(() => undefined);

describe('Pulumi.yaml', () => {
  it('declares every stack setting but the derived ones, and nothing else', () => {
    expect([...declared.keys()].sort()).toEqual(
      SETTING_KEYS.filter((key) => !DERIVED.includes(key))
        .map((key) => `stockpipe:${key}`)
        .sort(),
    );
  });

  it('gives each a default, the one the schema applies when it is unset', () => {
    const withoutDefault = [...declared].filter(([, text]) => text === undefined).map(([key]) => key);
    expect(withoutDefault).toEqual([]);
    // Set to its declared default alone, each key leaves the settings as they are with nothing set.
    const drifted = [...declared]
      .map(([name, text]) => [name.replace(/^stockpipe:/, ''), text] as const)
      .filter(
        ([key, text]) =>
          !isDeepStrictEqual(
            parseSettings((k) => (k === key ? text : undefined)),
            defaults,
          ),
      )
      .map(([key, text]) => `${key}: ${text}`);
    expect(drifted).toEqual([]);
  });
});
