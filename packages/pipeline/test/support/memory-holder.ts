import type { PostHolder } from '../../src/ports.ts';
import type { HourRemoval, StoredPost } from '../../src/records.ts';

/** A holder of posts in memory (top posts, post documents), recording the order it is asked to remove in. */
export class MemoryHolder implements PostHolder {
  readonly what: string;
  posts: StoredPost[];
  failing: string | null = null;
  readonly #calls: string[];
  constructor(what: string, posts: StoredPost[], calls: string[]) {
    this.what = what;
    this.posts = [...posts];
    this.#calls = calls;
  }
  async storedPosts(since: Date | null) {
    return this.posts.filter((p) => !since || p.hourStart >= since);
  }
  async removePosts(removals: readonly HourRemoval[]) {
    this.#calls.push(this.what);
    if (this.failing) throw new Error(this.failing);
    const gone = (p: StoredPost) =>
      removals.some((r) => r.ticker === p.ticker && +r.hourStart === +p.hourStart && r.posts.has(p.postId));
    const before = this.posts.length;
    this.posts = this.posts.filter((p) => !gone(p));
    return before - this.posts.length;
  }
}
