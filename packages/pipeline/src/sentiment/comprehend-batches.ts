import type { CleanPost } from '../records.ts';

/** Comprehend's limits for BatchDetectSentiment: 25 documents a call, each at most 5,000 bytes of UTF-8. */
const COMPREHEND_BATCH_SIZE = 25;
const COMPREHEND_MAX_BYTES = 5_000;

// The languages DetectSentiment supports.
const SENTIMENT_LANGUAGES = new Set([
  'ar',
  'hi',
  'ko',
  'zh-TW',
  'ja',
  'zh',
  'de',
  'pt',
  'en',
  'it',
  'fr',
  'es',
]);

/** X's language tag as a Comprehend language code, or null when Comprehend cannot score it. */
export function comprehendLanguage(xLang: string | null): string | null {
  if (!xLang) return null;
  const lower = xLang.toLowerCase();
  const code = lower === 'zh-tw' || lower === 'zh-hant' ? 'zh-TW' : lower === 'zh-cn' ? 'zh' : lower;
  return SENTIMENT_LANGUAGES.has(code) ? code : null;
}

/** Cuts a text to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes = COMPREHEND_MAX_BYTES): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the character that did not fit.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(bytes.subarray(0, end));
}

interface SentimentBatch {
  language: string;
  /** Positions of the posts in the list given to `planBatches`, and their texts as sent. */
  items: { index: number; text: string }[];
}

export interface BatchPlan {
  batches: SentimentBatch[];
  unscored: { index: number; reason: 'empty_text' | 'unsupported_language' }[];
}

/** Groups posts by language into calls of at most 25: ⌈posts / 25⌉ calls per language, the fewest possible. */
export function planBatches(posts: readonly CleanPost[]): BatchPlan {
  const byLanguage = new Map<string, SentimentBatch['items']>();
  const unscored: BatchPlan['unscored'] = [];
  posts.forEach((post, index) => {
    const language = comprehendLanguage(post.lang);
    if (post.text === '') unscored.push({ index, reason: 'empty_text' });
    else if (!language) unscored.push({ index, reason: 'unsupported_language' });
    else {
      const items = byLanguage.get(language) ?? byLanguage.set(language, []).get(language);
      items?.push({ index, text: truncateUtf8(post.text) });
    }
  });

  const batches = [...byLanguage].flatMap(([language, items]) =>
    Array.from({ length: Math.ceil(items.length / COMPREHEND_BATCH_SIZE) }, (_, i) => ({
      language,
      items: items.slice(i * COMPREHEND_BATCH_SIZE, (i + 1) * COMPREHEND_BATCH_SIZE),
    })),
  );
  return { batches, unscored };
}
