import { describe, expect, it } from 'vitest';
import { printable } from '../../src/format/printable.ts';

describe('#20.8 printable: what an upstream sent, fit for a terminal', () => {
  it('removes escape sequences and turns line breaks and bells into a space', () => {
    expect(printable('Bad\u001b[2J\u001b[31mRequest: nope\r\nAMZN   10 posts\u0007')).toBe(
      'BadRequest: nope AMZN   10 posts',
    );
    expect(printable('title\u001b]0;owned\u0007 and \u202eright-to-left')).toBe('title and right-to-left');
  });

  it('leaves the words of every language and their emoji alone', () => {
    expect(printable('決算が好調 🚀 café')).toBe('決算が好調 🚀 café');
  });
});
