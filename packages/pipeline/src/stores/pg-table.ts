/** The PostgreSQL types the warehouse's columns use, as array casts for `unnest`. */
type SqlType = 'text' | 'timestamptz' | 'int' | 'bigint' | 'float8' | 'numeric' | 'boolean';

/** A column: its SQL type and where its value sits in the record (`engagement.likes` for a nested one). */
interface Column {
  type: SqlType;
  path: string;
}

export interface TableSpec {
  name: string;
  /** The primary key's columns: a row with the same key is the same row. */
  key: readonly string[];
  /** Columns that say who last wrote the row (the run id): written with a change, never a change themselves. */
  provenance: readonly string[];
  columns: Readonly<Record<string, Column>>;
  /** Columns a view adds when the table is read through it (figures from neighbouring rows). */
  derived?: Readonly<Record<string, Column>>;
  /** Extra assignments when a row changes, e.g. `loaded_at = now()`. */
  onChange?: string;
}

/**
 * One declaration per table gives everything that must agree with it: the converging upsert, its parameters, and
 * the record read back. A new column is one line in the declaration.
 */
/** `W`: the record written; `R`: the record read back (with the derived columns, when there are any). */
export interface Table<W, R = W> {
  readonly name: string;
  /**
   * Insert, or update only what changed: a row written again with the same data stays untouched, its run id and
   * load time included, so reruns converge. Rows travel as one array per column through `unnest`, so any number
   * of rows is one statement with one parameter per column.
   */
  upsert(records: readonly W[]): { text: string; values: unknown[][] };
  /** A database row (of the table, or of a view that adds `derived` columns) as a record. */
  read(row: Record<string, unknown>): R;
}

export function defineTable<W, R = W>(spec: TableSpec): Table<W, R> {
  const entries = Object.entries(spec.columns);
  const names = entries.map(([column]) => column);
  const changing = names.filter((c) => !spec.key.includes(c) && !spec.provenance.includes(c));
  const assigned = [...changing, ...spec.provenance].map((c) => `${c} = EXCLUDED.${c}`);
  const text = `INSERT INTO ${spec.name} (${names.join(', ')})
SELECT * FROM unnest(${entries.map(([, { type }], i) => `$${i + 1}::${type}[]`).join(', ')})
ON CONFLICT (${spec.key.join(', ')}) DO UPDATE SET
  ${[...assigned, ...(spec.onChange ? [spec.onChange] : [])].join(',\n  ')}
WHERE (${changing.map((c) => `${spec.name}.${c}`).join(', ')})
  IS DISTINCT FROM (${changing.map((c) => `EXCLUDED.${c}`).join(', ')})`;
  const readable = [...entries, ...Object.entries(spec.derived ?? {})];
  return {
    name: spec.name,
    upsert: (records) => ({
      text,
      values: entries.map(([, { path }]) => records.map((record) => valueAt(record, path))),
    }),
    read(row) {
      const record: Record<string, unknown> = {};
      for (const [column, { type, path }] of readable) setAt(record, path, fromSql(type, row[column]));
      return record as R;
    },
  };
}

// numeric and bigint arrive from pg as strings (exact on the wire); the records hold numbers.
function fromSql(type: SqlType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return type === 'numeric' || type === 'bigint' ? Number(value) : value;
}

function valueAt(record: unknown, path: string): unknown {
  let value = record as Record<string, unknown> | undefined;
  for (const part of path.split('.')) value = value?.[part] as Record<string, unknown> | undefined;
  return value ?? null;
}

function setAt(record: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop() as string;
  let node = record;
  for (const part of parts) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[last] = value;
}
