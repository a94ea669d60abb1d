import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadChartAssets } from '../../src/report/chart-assets.ts';

const source = new URL('../../src/report/', import.meta.url);
const uplot = new URL('./', import.meta.resolve('uplot/dist/uPlot.iife.min.js'));

async function bundleDir(files: Record<string, string>): Promise<URL> {
  const dir = await mkdtemp(join(tmpdir(), 'stockpipe-assets-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return pathToFileURL(`${dir}/`);
}

describe('loadChartAssets', () => {
  it('takes the page’s own script from the source tree, not from a dist/ an earlier build left', async () => {
    const stale = await bundleDir({
      'dashboard-page.js': '/* stale */',
      'dashboard-page.css': '/* stale */',
    });
    const assets = await loadChartAssets({ source, uplot, bundle: stale });
    expect(assets.pageScript).toBe(await readFile(new URL('dashboard-page.js', source), 'utf8'));
    expect(assets.pageStyle).toBe(await readFile(new URL('dashboard-page.css', source), 'utf8'));
  });

  it('takes everything from beside the bundle where there is no source tree or node_modules (the image)', async () => {
    const bundle = await bundleDir({
      'dashboard-page.js': 'page',
      'dashboard-page.css': 'page css',
      'uPlot.iife.min.js': 'uplot',
      'uPlot.min.css': 'uplot css',
    });
    const nowhere = new URL('file:///nonexistent/');
    await expect(loadChartAssets({ source: nowhere, uplot: nowhere, bundle })).resolves.toEqual({
      script: 'uplot',
      style: 'uplot css',
      pageScript: 'page',
      pageStyle: 'page css',
    });
  });
});
