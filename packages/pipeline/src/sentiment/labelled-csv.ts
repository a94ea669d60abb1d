import { parse } from 'csv-parse/sync';

// The dataset's 0/1/2, their names, and the dataset's own words for them (bearish 0, bullish 1).
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
export interface LabelledText {
  text: string;
  /** 0 bearish, 1 bullish, 2 neutral, as in the training data. */
  label: 0 | 1 | 2;
}

const ACCEPTED_LABELS = '0, 1, 2, negative, positive, neutral, bearish or bullish';

export interface LabelledCsv {
  rows: LabelledText[];
  /** Rows that could not be read, with their line and why: reported, not fatal. */
  rejected: { line: number; reason: string }[];
}

/**
 * Reads `text,label` CSV (labels as ACCEPTED_LABELS says); texts may span lines. Throws when the file is empty or
 * lacks a column; a header alone gives no rows.
 */
export function readLabelledCsv(content: string): LabelledCsv {
  let header: string[] | undefined;
  const records: { record: Record<string, string>; info: { lines: number } }[] = parse(content, {
    columns: (names: string[]) => {
      header = names.map((h) => h.trim().toLowerCase());
      return header;
    },
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    bom: true,
  });
  if (!header)
    throw new Error('the file is empty; expected a header naming "text" and "label" columns, then rows');
  for (const column of ['text', 'label']) {
    if (!header.includes(column)) {
      throw new Error(`the CSV needs a "${column}" column; its header is "${header.join(',')}"`);
    }
  }
  const rows: LabelledText[] = [];
  const rejected: LabelledCsv['rejected'] = [];
  for (const { record, info } of records) {
    const label = LABEL_NAMES[(record.label ?? '').trim().toLowerCase()];
    if (label === undefined) {
      rejected.push({
        line: info.lines,
        reason: `unknown label "${record.label ?? ''}" (expected ${ACCEPTED_LABELS})`,
      });
    } else if (!record.text?.trim()) {
      rejected.push({ line: info.lines, reason: 'empty text' });
    } else {
      rows.push({ text: record.text, label });
    }
  }
  return { rows, rejected };
}
