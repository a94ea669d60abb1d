import { stemmer } from 'stemmer';

/**
 * Tokens for the finance sentiment model. Market talk has its own signals: cashtags are placeholders (which
 * company is not the mood), a signed percentage says up or down, and a negation flips the words after it
 * until the next punctuation ("not a buy" is not "buy").
 */
const TOKEN_PATTERN =
  /(?<url>https?:\/\/\S+|www\.\S+)|(?<cashtag>\$[a-z][a-z0-9.]*)|(?<pct>[+-]?\d[\d,.]*\s?%)|(?<num>[+-]?\d[\d,.]*[kmb]?)|(?<word>[\p{L}\p{M}][\p{L}\p{M}\p{N}'’-]*)|(?<emoji>\p{Extended_Pictographic})|(?<stop>[.,!?;:()])/gu;
const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'cannot',
  "can't",
  "won't",
  "don't",
  "doesn't",
  "isn't",
  'without',
]);

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let negated = false;
  for (const match of text.toLowerCase().matchAll(TOKEN_PATTERN)) {
    const g = match.groups ?? {};
    if (g.url) continue;
    if (g.stop) {
      negated = false;
      continue;
    }
    let token: string;
    if (g.cashtag) token = '<cashtag>';
    else if (g.pct)
      token = g.pct.startsWith('-') ? '<pct-down>' : g.pct.startsWith('+') ? '<pct-up>' : '<pct>';
    else if (g.num) token = '<num>';
    else token = (g.word ?? g.emoji ?? '').replaceAll('’', "'");
    if (g.word && (NEGATORS.has(token) || token.endsWith("n't"))) {
      tokens.push(token);
      negated = true;
      continue;
    }
    tokens.push(negated && g.word ? `not_${token}` : token);
  }
  return tokens;
}

/**
 * Porter stems, so "cuts", "cutting" and "cut" share one weight (9,543 tweets are too few to learn each form),
 * keeping a negation's prefix and leaving placeholders and emoji whole.
 */
export function stemToken(token: string): string {
  if (token.startsWith('<')) return token;
  let stem = stems.get(token);
  if (stem === undefined) {
    stem = token.startsWith('not_') ? `not_${stemmer(token.slice(4))}` : stemmer(token);
    // Stemming is the costliest step and words repeat; the bound keeps a long-running process small.
    if (stems.size >= 100_000) stems.clear();
    stems.set(token, stem);
  }
  return stem;
}
const stems = new Map<string, string>();

/** Stemmed unigrams and adjacent pairs: "price target" and "target cut" mean more than their words alone. */
export function features(text: string): string[] {
  const tokens = tokenize(text).map(stemToken);
  const out = [...tokens];
  for (let i = 1; i < tokens.length; i++) out.push(`${tokens[i - 1]} ${tokens[i]}`);
  return out;
}
