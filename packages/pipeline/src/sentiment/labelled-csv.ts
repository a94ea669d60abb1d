import { parse } from 'csv-parse/sync';
import type { LabelledText } from './train.ts';

const LABEL_NAMES: Record<string, 0 | 1 | 2> = {
  '0': 0,
  '1': 1,
  '2': 2,
  negative: 0,
  bearish: 0,
  positive: 1,
  bullish: 1,
  neutral: 2,
};

export interface LabelledCsv {
  rows: LabelledText[];
  /** Rows that could not be read, with their line and why: reported, not fatal. */
  rejected: { line: number; reason: string }[];
}

/** Reads `text,label` CSV (label 0/1/2 as in the dataset, or negative/positive/neutral); texts may span lines. */
export function readLabelledCsv(content: string): LabelledCsv {
  const records: { record: Record<string, string>; info: { lines: number } }[] = parse(content, {
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    bom: true,
  });
  const header = content.split(/\r?\n/, 1)[0]?.toLowerCase() ?? '';
  for (const column of ['text', 'label']) {
    if (
      !header
        .split(',')
        .map((h) => h.trim().replace(/^"|"$/g, ''))
        .includes(column)
    ) {
      throw new Error(`the CSV needs a "${column}" column; its header is "${header}"`);
    }
  }
  const rows: LabelledText[] = [];
  const rejected: LabelledCsv['rejected'] = [];
  for (const { record, info } of records) {
    const label = LABEL_NAMES[(record.label ?? '').trim().toLowerCase()];
    if (label === undefined) {
      rejected.push({
        line: info.lines,
        reason: `unknown label "${record.label ?? ''}" (expected 0, 1, 2, negative, positive or neutral)`,
      });
    } else if (!record.text?.trim()) {
      rejected.push({ line: info.lines, reason: 'empty text' });
    } else {
      rows.push({ text: record.text, label });
    }
  }
  return { rows, rejected };
}
