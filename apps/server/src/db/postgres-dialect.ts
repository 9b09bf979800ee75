/**
 * Pure translations from the SQL the repositories and migrations are written in (SQLite's
 * spelling, `?` placeholders) to what PostgreSQL accepts. No connection here, so they are
 * tested on their own.
 */

/**
 * Replaces each `?` placeholder with `$1`, `$2`, … in order. A `?` inside a string literal,
 * a quoted identifier, a comment or a dollar-quoted body is text, not a placeholder.
 */
export function numberPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (ch === "'" && /(^|[^A-Za-z0-9_])[Ee]$/.test(sql.slice(Math.max(0, i - 2), i))) {
      // E'…' may escape a quote with a backslash.
      let j = i + 1;
      while (j < sql.length && sql[j] !== "'") j += sql[j] === '\\' ? 2 : 1;
      const stop = Math.min(sql.length, j + 1);
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === "'" || ch === '"') {
      // Quotes are escaped by doubling, so scanning to the next quote and continuing works.
      const end = sql.indexOf(ch, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(i))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))![0];
      const end = sql.indexOf(tag, i + tag.length);
      const stop = end === -1 ? sql.length : end + tag.length;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '?') {
      out += `$${++n}`;
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/**
 * One SQLite migration as PostgreSQL DDL. SQLite's INTEGER is 64-bit, so it becomes BIGINT
 * (a millisecond timestamp would overflow PostgreSQL's INTEGER); BLOB becomes BYTEA; an
 * AUTOINCREMENT key becomes an identity-like BIGSERIAL; REAL becomes DOUBLE PRECISION.
 * Everything else the migrations use (TEXT, CHECK, REFERENCES, ON DELETE CASCADE, indexes,
 * partial indexes, DEFAULT) is spelled the same in both.
 */
export function sqliteMigrationToPostgres(sql: string): string {
  return sql
    .replace(/\bINTEGER\s+PRIMARY\s+KEY\s+AUTOINCREMENT\b/gi, 'BIGSERIAL PRIMARY KEY')
    .replace(/\bAUTOINCREMENT\b/gi, '')
    .replace(/\bINTEGER\b/gi, 'BIGINT')
    .replace(/\bBLOB\b/gi, 'BYTEA')
    .replace(/\bREAL\b/gi, 'DOUBLE PRECISION')
    .replace(/\bDATETIME\b/gi, 'TEXT')
    .replace(/\)\s*WITHOUT\s+ROWID\b/gi, ')');
}
