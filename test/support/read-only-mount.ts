import { execFileSync } from 'node:child_process';

/**
 * Makes `folder` read-only for real, root included, with a read-only bind mount onto itself (EROFS): root writes
 * through any permission. Returns how to undo it, or undefined where the tests may not mount (then skip).
 */
export function readOnlyMount(folder: string): (() => void) | undefined {
  try {
    execFileSync('mount', ['--bind', folder, folder], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const release = () => execFileSync('umount', [folder], { stdio: 'ignore' });
  try {
    execFileSync('mount', ['-o', 'remount,bind,ro', folder], { stdio: 'ignore' });
  } catch {
    release();
    return undefined;
  }
  return release;
}
