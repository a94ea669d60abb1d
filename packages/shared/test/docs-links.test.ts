import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// README.md is the front page and docs/ holds a page per subject. A newcomer follows links: every page must be
// reachable from the README, and every relative link must land on a file or folder (on a heading, when it names
// one). The README stays one page, and the architecture page's map names every folder a newcomer will meet.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const README = 'README.md';
const README_MAX_LINES = 200;
const MAP_PAGE = 'docs/architecture.md';

const docsPages = readdirSync(join(ROOT, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`);
const pages = [README, ...docsPages];

/** The text outside fenced code blocks: a link or heading shown as code is not one. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** Link targets as written: `[text](target)` and `[text](target "title")`, with no scheme (http:, mailto:). */
function relativeLinks(markdown: string): string[] {
  const text = prose(markdown).replace(/`[^`\n]*`/g, 'code');
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1] as string)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading = ''] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
/** A path from the repository root, with `/` between folders and no trailing slash. */
const fromRoot = (absolute: string) => relative(ROOT, absolute).split(sep).join('/');

/** Each link of a page, resolved: the file or folder from the repository root, and the anchor if any. */
function resolvedLinks(page: string): { target: string; path: string; anchor: string | undefined }[] {
  return relativeLinks(read(page)).map((target) => {
    const [file = '', anchor] = target.split('#');
    const path = file === '' ? page : fromRoot(resolve(join(ROOT, dirname(page)), decodeURI(file)));
    return { target, path, anchor };
  });
}

/** Folders git tracks a file in, from the repository root. */
function trackedFolders(): Set<string> {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0');
  const folders = new Set<string>();
  for (const file of files) {
    const parts = file.split('/').slice(0, -1);
    parts.forEach((_, i) => {
      folders.add(parts.slice(0, i + 1).join('/'));
    });
  }
  return folders;
}

describe('the README and the docs', () => {
  it(`keep the README within ${README_MAX_LINES} lines`, () => {
    const text = read(README);
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    expect(lines).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('link every docs page from the README', () => {
    const linked = new Set(resolvedLinks(README).map((link) => link.path));
    expect(docsPages.filter((page) => !linked.has(page))).toEqual([]);
  });

  it('link only to files and folders of the repository, and headings that exist', () => {
    const broken = pages.flatMap((page) =>
      resolvedLinks(page)
        .filter(({ path, anchor }) => {
          if (path.startsWith('..') || !existsSync(join(ROOT, path))) return true;
          return anchor !== undefined && (!path.endsWith('.md') || !anchors(read(path)).has(anchor));
        })
        .map(({ target }) => `${page}: ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it(`map every source folder, and the folders at the top of the repository and of each package, in ${MAP_PAGE}`, () => {
    const mapped = new Set(resolvedLinks(MAP_PAGE).map((link) => link.path));
    const expected = [...trackedFolders()].filter((folder) => {
      const parts = folder.split('/');
      if (parts[0] !== 'packages') return parts.length === 1;
      return parts.length <= 3 || parts[2] === 'src';
    });
    expect(expected.filter((folder) => !mapped.has(folder)).sort()).toEqual([]);
  });
});
