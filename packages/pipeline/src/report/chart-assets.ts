import { readFile } from 'node:fs/promises';
import { resource } from '../resources.ts';

export interface ChartAssets {
  /** uPlot's script and stylesheet. */
  script: string;
  style: string;
  /** The page's own: dashboard-page.js draws the charts, dashboard-page.css lays the page out. */
  pageScript: string;
  pageStyle: string;
}

const UPLOT = { script: 'uPlot.iife.min.js', style: 'uPlot.min.css' };
const PAGE = { script: 'dashboard-page.js', style: 'dashboard-page.css' };

/** Where the files are: beside this module in the source tree; in dist/assets/ beside the bundle, which has no other. */
function places() {
  return { source: new URL('./', import.meta.url), uplot: uplotDir(), bundle: resource('dist/assets/') };
}

// The image has no node_modules: there uPlot cannot be resolved, and dist/assets/ holds it.
function uplotDir(): URL {
  try {
    return new URL('./', import.meta.resolve(`uplot/dist/${UPLOT.script}`));
  } catch {
    return resource('dist/assets/');
  }
}

/**
 * The scripts and styles to inline into the dashboard, so it opens with no network. The page's own come from the
 * source tree first: a dist/ left by an earlier build must not shadow an edit. uPlot's come from dist/assets/ when
 * the bundle copied them there (the image has no node_modules), else node_modules.
 */
export async function loadChartAssets(where = places()): Promise<ChartAssets> {
  const [script = '', style = ''] = await firstOf([where.bundle, where.uplot], UPLOT);
  const [pageScript = '', pageStyle = ''] = await firstOf([where.source, where.bundle], PAGE);
  return { script, style, pageScript, pageStyle };
}

async function firstOf(dirs: readonly URL[], files: typeof UPLOT): Promise<string[]> {
  const read = (dir: URL) =>
    Promise.all([readFile(new URL(files.script, dir), 'utf8'), readFile(new URL(files.style, dir), 'utf8')]);
  const [first, ...rest] = dirs;
  if (!first) throw new Error(`${files.script} and ${files.style} were found nowhere`);
  return read(first).catch((error: unknown) => (rest.length ? firstOf(rest, files) : Promise.reject(error)));
}
