/** What left a search body with one post: its `data[]` entry, and its author's entry when no other post needed it. */
export interface RedactedPost {
  postId: string;
  authorRemoved: boolean;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const idOf = (value: unknown) => (isObject(value) && typeof value.id === 'string' ? value.id : undefined);
const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), value);
const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/**
 * The `includes` a post brings with it, and how it names each: its author, the posts it quotes or answers, its
 * place (geo), its media, its poll. Such an entry goes with the last post that needed it.
 */
const EXPANSIONS: Record<string, { key: string; of: (post: unknown) => unknown[] }> = {
  users: { key: 'id', of: (post) => list(at(post, 'author_id')) },
  tweets: { key: 'id', of: (post) => list(at(post, 'referenced_tweets')).map((ref) => at(ref, 'id')) },
  places: { key: 'id', of: (post) => list(at(post, 'geo', 'place_id')) },
  media: { key: 'media_key', of: (post) => list(at(post, 'attachments', 'media_keys')) },
  polls: { key: 'id', of: (post) => list(at(post, 'attachments', 'poll_ids')) },
};

/**
 * An X search response (`data` / `includes` / `meta`) without the given posts: each one's `data[]` entry, any copy
 * of it in `includes.tweets`, and the `includes` only it needed (its author in `includes.users` when no remaining
 * post is theirs, the posts it referred to, its place, media, poll); `meta` recounted, its newest and oldest ids taken from the posts that
 * remain (X's shape: no `data` at all when none remain). Every other field stays as X sent it, a remaining post's
 * own references included (a reply's `conversation_id`, in a search that asks for it): they are that post's
 * content, as X still serves it. Null when the body holds none of the posts.
 */
export function redactSearchBody(
  body: Uint8Array,
  postIds: ReadonlySet<string>,
): { body: Uint8Array; removed: RedactedPost[] } | null {
  const search = parsed(body);
  const data = Array.isArray(search.data) ? search.data : [];
  const leaving = data.filter((post) => postIds.has(idOf(post) ?? ''));
  if (leaving.length === 0) return null;
  const staying = data.filter((post) => !leaving.includes(post));

  const gone = (kind: string) => {
    const { of } = EXPANSIONS[kind] as (typeof EXPANSIONS)[string];
    const needed = new Set(staying.flatMap(of));
    return new Set(leaving.flatMap(of).filter((ref) => !needed.has(ref)));
  };
  const includes = isObject(search.includes) ? { ...search.includes } : undefined;
  if (includes) {
    for (const [kind, { key }] of Object.entries(EXPANSIONS)) {
      const refs = gone(kind);
      if (Array.isArray(includes[kind]))
        includes[kind] = (includes[kind] as unknown[]).filter((entry) => !refs.has(at(entry, key)));
    }
    if (Array.isArray(includes.tweets))
      includes.tweets = includes.tweets.filter((tweet) => !postIds.has(idOf(tweet) ?? ''));
    for (const [kind, entries] of Object.entries(includes))
      if (Array.isArray(entries) && entries.length === 0) delete includes[kind];
  }
  const redacted: Json = { ...search };
  delete redacted.data;
  delete redacted.includes;
  if (staying.length > 0) redacted.data = staying;
  if (includes && Object.keys(includes).length > 0) redacted.includes = includes;
  redacted.meta = recount(search.meta, staying);
  // Keep X's key order (data, includes, meta, …) so the body reads as X's own.
  const ordered = Object.fromEntries(
    Object.keys(search)
      .filter((key) => key in redacted)
      .map((key) => [key, redacted[key]]),
  );
  const goneAuthors = gone('users');
  return {
    body: new TextEncoder().encode(JSON.stringify(ordered)),
    removed: leaving.map((post) => ({
      postId: idOf(post) as string,
      authorRemoved: goneAuthors.has(at(post, 'author_id')),
    })),
  };
}

/** The body as JSON; when it is not, an error that quotes none of it (it may hold the very posts that must go). */
function parsed(body: Uint8Array): Json {
  try {
    const json: unknown = JSON.parse(new TextDecoder().decode(body));
    if (isObject(json)) return json;
  } catch {
    // Reported below, without JSON.parse's quote of the text.
  }
  throw new Error(
    'the staged posts body is not a JSON object: it cannot be redacted, so it is left for a person',
  );
}

/**
 * `meta` for the posts that remain, in X's own order: their count, and their newest and oldest ids (snowflakes grow
 * with time); no ids when none remain, as X answers an empty search.
 */
function recount(meta: unknown, staying: unknown[]): Json {
  const original = isObject(meta) ? meta : {};
  // Compared as numbers (ids outgrow a double), oldest first.
  const ids = staying
    .flatMap((post) => {
      const id = idOf(post);
      return id && /^\d+$/.test(id) ? [BigInt(id)] : [];
    })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const newest = ids.at(-1)?.toString();
  const oldest = ids[0]?.toString();
  const recounted: Json = {};
  for (const [key, value] of Object.entries(original)) {
    if (key === 'newest_id') {
      if (newest) recounted.newest_id = newest;
    } else if (key === 'oldest_id') {
      if (oldest) recounted.oldest_id = oldest;
    } else recounted[key] = key === 'result_count' ? staying.length : value;
  }
  recounted.result_count = staying.length;
  return recounted;
}
