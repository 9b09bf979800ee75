import { describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { numberPlaceholders, sqliteMigrationToPostgres } from './postgres-dialect.js';

describe('numberPlaceholders', () => {
  it('numbers placeholders in order', () => {
    expect(numberPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toBe(
      'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)',
    );
  });

  it('leaves question marks in literals, quoted names, comments and dollar quotes alone', () => {
    const sql = `SELECT 'hva?', 'it''s ?', E'it\\'s ?', "col?" FROM t -- hvorfor?
      WHERE a = ? /* eller? */ AND b = $$?$$ AND c = $tag$ ? $tag$ AND d = ?`;
    expect(numberPlaceholders(sql)).toBe(`SELECT 'hva?', 'it''s ?', E'it\\'s ?', "col?" FROM t -- hvorfor?
      WHERE a = $1 /* eller? */ AND b = $$?$$ AND c = $tag$ ? $tag$ AND d = $2`);
  });
});

describe('sqliteMigrationToPostgres', () => {
  it('translates the column types PostgreSQL spells differently', () => {
    expect(
      sqliteMigrationToPostgres('id INTEGER PRIMARY KEY AUTOINCREMENT, state BLOB NOT NULL, n INTEGER, x REAL'),
    ).toBe('id BIGSERIAL PRIMARY KEY, state BYTEA NOT NULL, n BIGINT, x DOUBLE PRECISION');
  });

  it('leaves no SQLite-only type in any shipped migration', () => {
    for (const migration of SQLITE_MIGRATIONS) {
      expect(sqliteMigrationToPostgres(migration)).not.toMatch(/\b(BLOB|AUTOINCREMENT|INTEGER)\b/i);
    }
  });
});
