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

/**
 * The scripts and styles to inline into the dashboard, so it opens with no network. From the source tree
 * (node_modules, this folder); from dist/assets/ beside the bundle, where the bundle script copies them.
 */
export async function loadChartAssets(): Promise<ChartAssets> {
  const read = (dir: URL | string, files: typeof UPLOT) =>
    Promise.all([readFile(new URL(files.script, dir), 'utf8'), readFile(new URL(files.style, dir), 'utf8')]);
  let uplot: string[];
  let page: string[];
  try {
    [uplot, page] = await Promise.all([
      read(resource('dist/assets/'), UPLOT),
      read(resource('dist/assets/'), PAGE),
    ]);
  } catch {
    [uplot, page] = await Promise.all([
      read(new URL('./', import.meta.resolve(`uplot/dist/${UPLOT.script}`)), UPLOT),
      read(new URL('./', import.meta.url), PAGE),
    ]);
  }
  const [script = '', style = ''] = uplot;
  const [pageScript = '', pageStyle = ''] = page;
  return { script, style, pageScript, pageStyle };
}
