// Terminal escape sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), and two-character escapes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it removes
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
// Other control characters (CR, LF, BEL…): a space, so words stay apart.
const CONTROL = /\p{Cc}+/gu;
// The invisible marks that reorder text on screen (bidi overrides): nothing.
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Text an upstream sent (an API's error, a reason the ledger kept), fit to print on a terminal or in a mail: escape
 * sequences removed, other control characters as one space, so it can neither clear a screen nor fake a line.
 */
export function printable(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(BIDI, '').replace(CONTROL, ' ').trim();
}
