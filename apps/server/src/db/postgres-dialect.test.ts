import { describe, expect, it } from 'vitest';
import { numberPlaceholders } from './postgres-dialect.js';

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
