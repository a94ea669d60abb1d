/**
 * Post templates for the sample source, written like market talk on X. Placeholders: {T} ticker, {$T} its
 * cashtag, {Q} the watchlist query (a hashtag), {P} price, {C} the hour's move in %, {U} a t.co link.
 * HTML entities are left encoded because X sends them that way.
 */
export const BULLISH = [
  '{$T} breaking out again 🚀 {Q} strongest close in weeks, holding calls',
  'Strong quarter for {Q}: revenue beat &amp; raised guidance. {$T} to {P} was just the start 📈',
  'Upgraded to Buy at a big bank, price target raised on {$T} {U}',
  '{$T} up {C}% this hour, buyers stepping in hard 🔥🔥',
  'Loving the momentum in {$T}. Bullish on {Q} long term 💰',
  'Record deliveries &amp; margins expanding. {$T} looks cheap here {U}',
  '{Q} beats earnings estimates, shares jump in after-hours trading {U}',
  'Added more {$T} today, this dip was a gift 🐂',
  '{$T} reclaimed the 50-day moving average, next stop new highs',
  'Analysts see upside for {$T} as cloud growth accelerates {U}',
  'Green day for {Q} holders 🟢 {$T} &gt; {P}',
  'Huge volume on {$T} calls, someone knows something 👀🚀',
];

export const BEARISH = [
  '{$T} down {C}% this hour 📉 sellers in control',
  'Downgraded to Sell, price target cut on {$T} {U}',
  '{Q} misses revenue estimates, guidance weak. {$T} falling',
  'Not touching {$T} until it finds support, this chart is ugly 🐻',
  '{$T} breaking below support at {P}, stops getting hit 🩸',
  'Regulators open probe into {Q}, shares slide {U}',
  "Layoffs &amp; slowing demand... {$T} can't catch a bid",
  'Sold my {$T} position today. Valuation makes no sense 😬',
  '{Q} recalls products, {$T} drops in early trading {U}',
  'Bearish divergence on {$T}, expecting a pullback below {P} 🔴',
  'Short interest in {$T} climbing as losses widen {U}',
  'Ouch. {$T} red again, worst week since the spring',
];

export const NEUTRAL = [
  '{$T} trading at {P} ahead of the Fed decision {U}',
  'What are you watching this week? {$T} {Q} 🤔',
  '{Q} to present at investor conference on Thursday {U}',
  '{$T} options volume summary for the hour 📊 {U}',
  'Live: markets update, {$T} and other large caps {U}',
  '{Q} schedules quarterly earnings call for next month',
  '{$T} last at {P}, unchanged on the session',
  'Anyone have the transcript from the {Q} call? {$T}',
  'Here&#39;s how {$T} compares with its peers on valuation {U}',
  '{Q} names new chief financial officer {U}',
];

/** Other languages: stockpipe keeps them; the English scorer marks them unscored. */
export const OTHER_LANGUAGES: readonly { lang: string; text: string }[] = [
  { lang: 'es', text: '{$T} sube con fuerza hoy 🚀 {Q} va a por máximos' },
  { lang: 'es', text: 'Las acciones de {Q} caen tras los resultados {U}' },
  { lang: 'de', text: '{$T} Aktie heute stark, {Q} überzeugt die Anleger 📈' },
  { lang: 'de', text: 'Gewinnwarnung bei {Q}: {$T} fällt deutlich {U}' },
  { lang: 'fr', text: '{Q} publie des résultats meilleurs qu&#39;attendu, {$T} en hausse' },
  { lang: 'pt', text: 'Ações da {Q} sobem {C}% nesta hora {$T}' },
  { lang: 'ja', text: '{$T} 今日は大きく上昇 🚀 {Q} の決算が好調' },
  { lang: 'ja', text: '{Q} 株価下落、{$T} 売りが続く 📉' },
  { lang: 'ko', text: '{$T} 주가 급등 🔥 {Q} 실적 호조' },
  { lang: 'ar', text: 'سهم {$T} يرتفع اليوم بعد نتائج {Q} القوية' },
];

/** Posts that are nothing once links are dropped: a bare link, or a link between line breaks. */
export const EMPTY_AFTER_CLEANING = ['{U}', '\n{U}\n', '{U} {U}'];

export const EMOJI_TAILS = ['', '', '', ' 👀', ' 📊', ' 💬', ' 🙏'];
