import { describe, expect, it } from 'vitest';
import type { XSearchResponse } from '../../src/schemas/x-search.ts';
import { cleanPosts, cleanText } from '../../src/stages/clean.ts';

describe('cleanText', () => {
  it('decodes HTML entities as X sends them', () => {
    expect(cleanText('Revenue &amp; margins &gt; expected, it&#39;s &quot;big&quot;')).toBe(
      'Revenue & margins > expected, it\'s "big"',
    );
  });

  it('drops links and keeps the words around them', () => {
    expect(cleanText('Upgrade on $AMZN https://t.co/abc123 via www.example.com/x today')).toBe(
      'Upgrade on $AMZN via today',
    );
  });

  it('keeps the words of every language and emoji, whole', () => {
    expect(cleanText('$AMZN 今日は大きく上昇 🚀 Ações sobem 👨‍👩‍👧 سهم يرتفع')).toBe(
      '$AMZN 今日は大きく上昇 🚀 Ações sobem 👨‍👩‍👧 سهم يرتفع',
    );
  });

  it('turns control characters and line breaks into single spaces', () => {
    expect(cleanText('line one\n\nline\ttwo\u0000\u200B end ')).toBe('line one line two end');
  });

  it('leaves nothing of a post that was only a link', () => {
    expect(cleanText('\nhttps://t.co/xyz\n')).toBe('');
  });
});

describe('cleanPosts', () => {
  const response: XSearchResponse = {
    data: [
      {
        id: '1866000000000000001',
        text: 'Buy &amp; hold https://t.co/a',
        created_at: '2024-12-07T21:05:00.000Z',
        author_id: '42',
        lang: 'en',
        public_metrics: { retweet_count: 3, reply_count: 1, like_count: 10, quote_count: 2 },
      },
      {
        id: '1866000000000000001',
        text: 'duplicate of the first',
        created_at: '2024-12-07T21:05:00.000Z',
        public_metrics: { retweet_count: 0, reply_count: 0, like_count: 0, quote_count: 0 },
      },
      {
        id: '1866000000000000002',
        text: 'Kursziel erhöht',
        created_at: '2024-12-07T21:30:00.000Z',
        public_metrics: { retweet_count: 0, reply_count: 0, like_count: 0, quote_count: 0 },
      },
    ],
    meta: { result_count: 3 },
  };

  it('keeps the post id, author, time, language and engagement, once per post', () => {
    const hour = new Date('2024-12-07T21:00Z');
    expect(cleanPosts(response, 'AMZN', hour)).toEqual([
      {
        postId: '1866000000000000001',
        ticker: 'AMZN',
        hourStart: hour,
        authorId: '42',
        createdAt: new Date('2024-12-07T21:05:00.000Z'),
        lang: 'en',
        text: 'Buy & hold',
        engagement: { likes: 10, reposts: 3, replies: 1, quotes: 2 },
      },
      expect.objectContaining({
        postId: '1866000000000000002',
        authorId: null,
        lang: null,
        text: 'Kursziel erhöht',
      }),
    ]);
  });

  it('reads an hour with no posts as no posts', () => {
    expect(cleanPosts({ meta: { result_count: 0 } }, 'AMZN', new Date())).toEqual([]);
  });
});
