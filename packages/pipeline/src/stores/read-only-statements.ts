/**
 * What serve-warehouse lets a read-only (BI) session send. PostgreSQL itself refuses its writes: each of its
 * statements runs in a READ ONLY transaction as `stockpipe_bi`, which the guard rolls back (embedded-guard.ts). What
 * is left to refuse here is what would step out of that: ending the transaction (COMMIT inside a multi-statement
 * query), becoming another role, and statements that are not reads (DO runs any SQL, as any role).
 */
const READS = new Set([
  'SELECT',
  'WITH',
  'VALUES',
  'TABLE',
  'SHOW',
  'EXPLAIN',
  'SET',
  'RESET',
  'FETCH',
  'MOVE',
]);

/** Why a read-only session's query is refused, or undefined when each of its statements is a read. */
export function readOnlyRefusal(sql: string): string | undefined {
  for (const statement of statementsOf(sql)) {
    const words = wordsOf(statement);
    const first = (words[0] ?? '').toUpperCase();
    if (!READS.has(first)) {
      return `serve-warehouse serves stockpipe_bi read-only: ${first || 'this statement'} is refused (reads only: ${[...READS].join(', ')}; each statement is its own read-only transaction)`;
    }
    if ((first === 'SET' || first === 'RESET') && words.some((word) => ROLE_WORDS.has(word))) {
      return 'serve-warehouse serves stockpipe_bi read-only: changing the role or session authorization is refused';
    }
    if (words.includes('set_config')) {
      return 'serve-warehouse serves stockpipe_bi read-only: set_config is refused (SET works, for one statement)';
    }
  }
  return undefined;
}

/** Its words, lower case, quoted identifiers unquoted ("role" is role). */
function wordsOf(statement: string): string[] {
  return (
    statement
      .toLowerCase()
      .replaceAll('"', '')
      .match(/[a-z_]+/g) ?? []
  );
}

const ROLE_WORDS = new Set(['role', 'authorization', 'session_authorization']);

/**
 * The top-level statements of a query, comments removed, split where PostgreSQL splits them: at semicolons outside
 * quotes ('…', E'…', "…", $tag$…$tag$) and comments (--, nested /* … *\/).
 */
export function statementsOf(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  const take = (end: number) => {
    current += sql.slice(i, end);
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (c === ';') {
      statements.push(current);
      current = '';
      i++;
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      current += ' ';
      i = end === -1 ? sql.length : end;
    } else if (c === '/' && next === '*') {
      i = endOfBlockComment(sql, i);
      current += ' ';
    } else if (c === "'") {
      const escapes = /[eE]$/.test(current) && !/[\w$]$/.test(current.slice(0, -1));
      take(endOfQuoted(sql, i, "'", escapes));
    } else if (c === '"') {
      take(endOfQuoted(sql, i, '"', false));
    } else if (c === '$') {
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(sql.slice(i));
      // $1 is a parameter; $tag$ (after no identifier character) opens a dollar quote.
      if (tag && !/[\w$]$/.test(current)) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        take(close === -1 ? sql.length : close + tag[0].length);
      } else take(i + 1);
    } else take(i + 1);
  }
  statements.push(current);
  return statements.map((statement) => statement.trim()).filter((statement) => statement !== '');
}

function endOfQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return sql.length;
}

function endOfBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}
