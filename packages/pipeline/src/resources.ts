/**
 * The folder that holds the job's data files (migrations/, models/, data/). In the source tree it is the package
 * root; in the image the bundle sits at dist/stockpipe.mjs beside the same folders, so one relative path serves both.
 */
const PACKAGE_ROOT = new URL('../', import.meta.url);

export const resource = (path: string): URL => new URL(path, PACKAGE_ROOT);
