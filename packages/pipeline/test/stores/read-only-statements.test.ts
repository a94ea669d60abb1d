import { describe, expect, it } from 'vitest';
import { readOnlyRefusal, statementsOf } from '../../src/stores/read-only-statements.ts';

describe('statementsOf', () => {
  it('splits at semicolons outside quotes, dollar quotes and comments, as PostgreSQL does', () => {
    expect(
      statementsOf(`SELECT 'a;b', "c;d", $$e;f$$, $x$ $$;$$ $x$ -- g;h
      ; /* i; /* j; */ k; */ COMMIT; SELECT E'\\';' ; SELECT $1`),
    ).toEqual([`SELECT 'a;b', "c;d", $$e;f$$, $x$ $$;$$ $x$`, 'COMMIT', `SELECT E'\\';'`, 'SELECT $1']);
  });

  it('keeps a quote doubled inside a string as one string', () => {
    expect(statementsOf("SELECT 'it''s; fine'; END")).toEqual(["SELECT 'it''s; fine'", 'END']);
  });
});

describe('readOnlyRefusal', () => {
  it('lets reads through, parenthesised or with a CTE, and SET of an ordinary setting', () => {
    for (const sql of [
      'SELECT * FROM bi_stock_performance',
      '(SELECT 1) UNION (SELECT 2)',
      'WITH t AS (SELECT 1) SELECT * FROM t',
      "SET TIME ZONE 'UTC'; SHOW TIME ZONE",
      'EXPLAIN SELECT 1',
      '',
    ]) {
      expect(readOnlyRefusal(sql), sql).toBeUndefined();
    }
  });

  it('refuses a write or transaction control hidden after a read in one query', () => {
    expect(readOnlyRefusal('SELECT 1; COMMIT; DELETE FROM stock_performance')).toMatch(/COMMIT is refused/);
    expect(readOnlyRefusal('/* x */ begin; SET TRANSACTION READ WRITE')).toMatch(/BEGIN is refused/);
    expect(readOnlyRefusal("DO $$ BEGIN EXECUTE 'DELETE FROM t'; END $$")).toMatch(/DO is refused/);
  });

  it('refuses becoming another role, however it is spelt', () => {
    for (const sql of [
      'SET ROLE postgres',
      'reset role',
      'SET "role" TO postgres',
      'SET SESSION AUTHORIZATION postgres',
    ]) {
      expect(readOnlyRefusal(sql), sql).toMatch(/role or session authorization/);
    }
    expect(readOnlyRefusal("SELECT pg_catalog.set_config('role', 'postgres', false)")).toMatch(/set_config/);
  });
});
