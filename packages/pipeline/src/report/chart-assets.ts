import { readFile } from 'node:fs/promises';
import { resource } from '../resources.ts';

export interface ChartAssets {
  script: string;
  style: string;
}

const FILES = { script: 'uPlot.iife.min.js', style: 'uPlot.min.css' };

/**
 * uPlot's script and stylesheet, to inline into the dashboard so it opens with no network. From node_modules in
 * the source tree; from dist/assets/ beside the bundle, where the bundle script copies them.
 */
export async function loadChartAssets(): Promise<ChartAssets> {
  const read = (dir: URL | string) =>
    Promise.all([readFile(new URL(FILES.script, dir), 'utf8'), readFile(new URL(FILES.style, dir), 'utf8')]);
  let files: string[];
  try {
    files = await read(resource('dist/assets/'));
  } catch {
    files = await read(new URL('./', import.meta.resolve(`uplot/dist/${FILES.script}`)));
  }
  const [script = '', style = ''] = files;
  return { script, style };
}
