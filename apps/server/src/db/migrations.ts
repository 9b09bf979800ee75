import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The column types that are spelled differently in the two databases, chosen once per run.
 * SQLite's INTEGER is 64-bit, so PostgreSQL gets BIGINT (a millisecond timestamp would
 * overflow its INTEGER); bytes are BLOB in SQLite and BYTEA in PostgreSQL.
 */
export interface ColumnTypes {
  readonly dialect: 'sqlite' | 'postgres';
  readonly integer: 'integer' | 'bigint';
  readonly bytes: 'blob' | 'bytea';
  /** A row id handed out by the database: INTEGER PRIMARY KEY AUTOINCREMENT, or BIGSERIAL. */
  id<T extends string, C extends string>(table: CreateTableBuilder<T, C>, name: string): CreateTableBuilder<T, C>;
}

export function columnTypes(dialect: 'sqlite' | 'postgres'): ColumnTypes {
  return dialect === 'sqlite'
    ? {
        dialect,
        integer: 'integer',
        bytes: 'blob',
        id: (table, name) => table.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement()),
      }
    : {
        dialect,
        integer: 'bigint',
        bytes: 'bytea',
        id: (table, name) => table.addColumn(name, 'bigserial', (c) => c.primaryKey()),
      };
}

export interface Migration {
  /** For logs and errors only: a database records how many migrations it has run, in order. */
  readonly name: string;
  /** Runs in one transaction with the record that it ran. */
  up(db: Kysely<Database>, t: ColumnTypes): Promise<void>;
}

const side = (c: ColumnDefinitionBuilder) => c.notNull().check(sql`side IN ('kommune', 'helseforetak')`);
const nullableSide = (c: ColumnDefinitionBuilder) => c.check(sql`side IN ('kommune', 'helseforetak')`);

/**
 * Ordered, append-only: a migration that has shipped is never edited. Each is written once
 * with Kysely's schema builder and runs on both databases (see migrate.ts). Numbers 1–15
 * are the SQL migrations of the earlier runner, statement for statement, so databases it
 * created carry on from their recorded count.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    name: '001-communities-cases-documents',
    async up(db, t) {
      await db.schema
        .createTable('communities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('hospital_name', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('organisations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('side', 'text', side)
        .addColumn('region', 'text')
        .execute();
      await db.schema
        .createTable('cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('case_officers', 'text', (c) => c.notNull())
        .addColumn('document_date', 'text')
        .addColumn('meeting_date', 'text')
        .addColumn('reference', 'text')
        .addColumn('attachments', 'text', (c) => c.notNull())
        .addUniqueConstraint('cases_community_id_body_number_key', ['community_id', 'body', 'number'])
        .execute();
      await db.schema
        .createTable('sections')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull().check(sql`owner IN ('kommune', 'helseforetak', 'shared')`))
        .addColumn('position', t.integer, (c) => c.notNull())
        .addPrimaryKeyConstraint('sections_pkey', ['case_id', 'id'])
        .execute();
      // A document is its latest snapshot plus the updates appended after it.
      await db.schema
        .createTable('document_snapshots')
        .addColumn('room', 'text', (c) => c.primaryKey())
        .addColumn('state', t.bytes, (c) => c.notNull())
        .execute();
      await t
        .id(db.schema.createTable('document_updates'), 'id')
        .addColumn('room', 'text', (c) => c.notNull())
        .addColumn('update_data', t.bytes, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('document_updates_room').on('document_updates').columns(['room', 'id']).execute();
    },
  },
  {
    name: '002-users-sessions-invitations-audit',
    async up(db, t) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('memberships')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
        .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
        .addColumn('side', 'text', nullableSide)
        .addColumn('role', 'text', (c) =>
          c.notNull().check(sql`role IN ('member', 'observer', 'secretariat', 'admin')`),
        )
        .addPrimaryKeyConstraint('memberships_pkey', ['user_id', 'community_id'])
        .execute();
      // Only hashes of session and invitation tokens are stored: a copy of the database does
      // not let anyone log in.
      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('invitations')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
        .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
        .addColumn('side', 'text')
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('invited_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await t
        .id(db.schema.createTable('audit_log'), 'id')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('section_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull().check(sql`action IN ('update', 'refused')`))
        .addColumn('bytes', t.integer, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_case').on('audit_log').columns(['case_id', 'id']).execute();
    },
  },
  {
    name: '003-meta',
    async up(db) {
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    name: '004-comments',
    async up(db, t) {
      await db.schema
        .createTable('comment_threads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('section_id', 'text', (c) => c.notNull())
        .addColumn('anchor_start', 'text', (c) => c.notNull())
        .addColumn('anchor_end', 'text', (c) => c.notNull())
        .addColumn('quote', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('open', 'resolved')`))
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
        .addColumn('resolved_at', 'text')
        .execute();
      await db.schema
        .createIndex('comment_threads_case')
        .on('comment_threads')
        .columns(['case_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('thread_id', 'text', (c) => c.notNull().references('comment_threads.id').onDelete('cascade'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('edited_at', 'text')
        .addColumn('deleted', t.integer, (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('comments_thread').on('comments').columns(['thread_id', 'created_at']).execute();
      await db.schema
        .createTable('comment_mentions')
        .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addPrimaryKeyConstraint('comment_mentions_pkey', ['comment_id', 'user_id'])
        .execute();
      await db.schema.createIndex('comment_mentions_user').on('comment_mentions').column('user_id').execute();
    },
  },
  {
    name: '005-consensus',
    async up(db, t) {
      await db.schema
        .createTable('approvals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('side', 'text', side)
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('approved_at', 'text', (c) => c.notNull())
        .addColumn('voided_at', 'text')
        .addColumn('void_reason', 'text')
        .execute();
      await db.schema.createIndex('approvals_case').on('approvals').columns(['case_id', 'approved_at']).execute();
      // A sealed copy of the agreed text: the lock refuses every update until both sides reopen.
      await db.schema
        .createTable('section_locks')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('section_id', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('sealed_state', t.bytes, (c) => c.notNull())
        .addColumn('locked_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('section_locks_pkey', ['case_id', 'section_id'])
        .execute();
      await db.schema
        .createTable('one_step_agreements')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('side', 'text', side)
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('agreed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('one_step_agreements_pkey', ['case_id', 'side'])
        .execute();
      await db.schema
        .createTable('reopen_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('confirmed_by', 'text', (c) => c.references('users.id'))
        .addColumn('confirmed_at', 'text')
        .execute();
      await db.schema
        .createTable('section_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('section_id', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('auto', 'named')`))
        .addColumn('created_by', 'text', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('state', t.bytes, (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('section_versions_section')
        .on('section_versions')
        .columns(['case_id', 'section_id', 'created_at'])
        .execute();
    },
  },
  {
    name: '006-approval-voids-and-policy',
    async up(db) {
      // What an approval was bound to, as text, so a voided approval can show what changed.
      await db.schema.alterTable('approvals').addColumn('content_text', 'text').execute();
      await db.schema
        .createTable('approval_voids')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('reason', 'text', (c) =>
          c.notNull().check(sql`reason IN ('text-changed', 'reopened', 'status-changed')`),
        )
        .addColumn('voided_at', 'text', (c) => c.notNull())
        .addColumn('changed_by', 'text', (c) => c.references('users.id'))
        .addColumn('approved_hash', 'text')
        .addColumn('current_hash', 'text')
        .addColumn('approved_text', 'text')
        .addColumn('current_text', 'text')
        .execute();
      await db.schema
        .createIndex('approval_voids_case')
        .on('approval_voids')
        .columns(['case_id', 'voided_at'])
        .execute();
      // Whether one member per side may approve, or only the approvers named here.
      await db.schema
        .createTable('consensus_settings')
        .addColumn('community_id', 'text', (c) => c.primaryKey().references('communities.id'))
        .addColumn('approval_policy', 'text', (c) =>
          c.notNull().check(sql`approval_policy IN ('any-member', 'named-approver')`),
        )
        .execute();
      await db.schema
        .createTable('consensus_approvers')
        .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
        .addColumn('side', 'text', side)
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('consensus_approvers_pkey', ['community_id', 'user_id'])
        .execute();
    },
  },
  {
    name: '007-section-texts',
    async up(db) {
      // Plain text of each section for search, kept current shortly after each accepted change.
      // folded_text is lower-cased in JavaScript: SQLite's LOWER() leaves æ, ø and å alone.
      await db.schema
        .createTable('section_texts')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('section_id', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('folded_text', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('section_texts_pkey', ['case_id', 'section_id'])
        .execute();
    },
  },
  {
    name: '008-bodies-meetings-counters',
    async up(db, t) {
      // Bodies of a community (Partnerskapsmøtet, SSU …) and their meetings; case_body is the
      // body as written on its cases, so case numbering per body and year counts the same cases.
      await db.schema
        .createTable('bodies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('case_body', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) =>
          c.notNull().check(sql`kind IN ('partnerskapsmote', 'dialogmote', 'ssu', 'sekretariat', 'adhoc')`),
        )
        .addUniqueConstraint('bodies_community_id_name_key', ['community_id', 'name'])
        .execute();
      await db.schema
        .createTable('meetings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id'))
        .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('planlagt', 'gjennomfort', 'avlyst')`))
        .addColumn('minutes_case_id', 'text', (c) => c.references('cases.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('meetings_community').on('meetings').columns(['community_id', 'date']).execute();
      await db.schema
        .createTable('agenda_items')
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('position', t.integer, (c) => c.notNull())
        .addPrimaryKeyConstraint('agenda_items_pkey', ['meeting_id', 'case_id'])
        .execute();
      // Next case number per body and year, next reference per community and year.
      await db.schema
        .createTable('case_counters')
        .addColumn('scope', 'text', (c) => c.primaryKey())
        .addColumn('next_value', t.integer, (c) => c.notNull())
        .execute();
    },
  },
  {
    name: '009-declarations',
    async up(db) {
      // Declarations (erklæringer) are signed by every partner organisation. The flag has no
      // foreign key so the demo declarations can be flagged before the demo cases are seeded.
      await db.schema
        .createTable('declaration_cases')
        .addColumn('case_id', 'text', (c) => c.primaryKey())
        .execute();
      await db
        .insertInto('declaration_cases')
        .values([{ case_id: 'lvs-06-2021' }, { case_id: 'helgeland-01-2023' }])
        .execute();
      await db.schema
        .createTable('declaration_signatures')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('signer_title', 'text', (c) => c.notNull())
        .addColumn('signed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('declaration_signatures_pkey', ['case_id', 'organisation_id'])
        .execute();
    },
  },
  {
    name: '010-declaration-withdrawals',
    async up(db) {
      // A withdrawn signature is kept here (who signed, who withdrew it and when), so the
      // organisation can sign again and the paper trail of the declaration stays whole.
      await db.schema
        .createTable('declaration_withdrawals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('signed_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('signer_title', 'text', (c) => c.notNull())
        .addColumn('signed_at', 'text', (c) => c.notNull())
        .addColumn('withdrawn_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('withdrawn_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('declaration_withdrawals_case')
        .on('declaration_withdrawals')
        .columns(['case_id', 'withdrawn_at'])
        .execute();
    },
  },
  {
    name: '011-one-step-withdrawal',
    async up(db) {
      // A side may take back its agreement to one-step handling while the case is a draft; the
      // row keeps when and by whom, and agreeing again clears it.
      await db.schema.alterTable('one_step_agreements').addColumn('withdrawn_at', 'text').execute();
      await db.schema
        .alterTable('one_step_agreements')
        .addColumn('withdrawn_by', 'text', (c) => c.references('users.id'))
        .execute();
    },
  },
  {
    name: '012-case-event-log',
    async up(db, t) {
      // Case notices shared between instances, kept for a few minutes: an instance that missed
      // the Redis message (Redis was away) reads them here, so an open list is never stale.
      await t
        .id(db.schema.createTable('case_event_log'), 'id')
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('case_event_log_at').on('case_event_log').column('at').execute();
    },
  },
  {
    name: '013-titles-and-declaration-seals',
    async up(db, t) {
      // A person's own job title, printed under their signature on a declaration. The demo
      // accounts of an existing demo installation get theirs here; a new one is seeded with them.
      await db.schema.alterTable('users').addColumn('title', 'text').execute();
      const titles: [string, string][] = [
        ['kommune@lvs.demo', 'Kommunalsjef helse og omsorg'],
        ['kommune2@lvs.demo', 'Helse- og omsorgssjef'],
        ['sykehus@lvs.demo', 'Administrerende direktør'],
        ['observator@lvs.demo', 'Leder, brukerutvalget'],
        ['sekretariat@lvs.demo', 'Rådgiver, samhandlingssekretariatet'],
        ['kommune@helgeland.demo', 'Kommunedirektør'],
        ['sykehus@helgeland.demo', 'Administrerende direktør'],
        ['observator@helgeland.demo', 'Brukerrepresentant'],
        ['sekretariat@helgeland.demo', 'Seniorrådgiver, samhandlingssekretariatet'],
        ['admin@samraad.demo', 'Systemforvalter'],
      ];
      for (const [email, title] of titles)
        await db.updateTable('users').set({ title }).where('email', '=', email).execute();
      // The hash of the declaration text each signature was given for (NULL: given before
      // texts were sealed, so not bound to any text), kept on a withdrawal too.
      await db.schema.alterTable('declaration_signatures').addColumn('content_hash', 'text').execute();
      await db.schema.alterTable('declaration_withdrawals').addColumn('content_hash', 'text').execute();
      // The declaration text, sealed by the first signature: its hash, and a copy of each of
      // its sections. A sealed section refuses every update (like a consensus lock) until the
      // last standing signature is withdrawn.
      await db.schema
        .createTable('declaration_seals')
        .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('sealed_at', 'text', (c) => c.notNull())
        .addColumn('sealed_by', 'text', (c) => c.notNull().references('users.id'))
        .execute();
      await db.schema
        .createTable('declaration_sealed_sections')
        .addColumn('case_id', 'text', (c) => c.notNull().references('declaration_seals.case_id').onDelete('cascade'))
        .addColumn('section_id', 'text', (c) => c.notNull())
        .addColumn('position', t.integer, (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('sealed_state', t.bytes, (c) => c.notNull())
        .addPrimaryKeyConstraint('declaration_sealed_sections_pkey', ['case_id', 'section_id'])
        .execute();
    },
  },
  {
    name: '014-publications',
    async up(db, t) {
      // Publishing freezes a case. Each publication keeps the header and every section as they
      // stood (state, text hash); the public page and exports read these, never a live document.
      // published_by is null only for cases that were already published before this migration.
      await db.schema
        .createTable('publications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('sequence', t.integer, (c) => c.notNull())
        .addColumn('header', 'text', (c) => c.notNull())
        .addColumn('published_by', 'text', (c) => c.references('users.id'))
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('correction_id', 'text')
        .addUniqueConstraint('publications_case_id_sequence_key', ['case_id', 'sequence'])
        .execute();
      await db.schema
        .createTable('published_sections')
        .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id').onDelete('cascade'))
        .addColumn('section_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('position', t.integer, (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('state', t.bytes, (c) => c.notNull())
        .addPrimaryKeyConstraint('published_sections_pkey', ['publication_id', 'section_id'])
        .execute();
      // Present while a published case is frozen: every update to any of its sections is
      // refused, checked in each append's transaction like section_locks. A confirmed
      // correction removes it.
      await db.schema
        .createTable('publication_freezes')
        .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
        .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id'))
        .addColumn('frozen_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('correction_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id'))
        .addColumn('side', 'text', side)
        .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('confirmed_by', 'text', (c) => c.references('users.id'))
        .addColumn('confirmed_at', 'text')
        .execute();
      await db.schema
        .createIndex('correction_requests_case')
        .on('correction_requests')
        .columns(['case_id', 'requested_at'])
        .execute();
    },
  },
  {
    name: '015-section-version-authors',
    async up(db) {
      // Who wrote in the editing session an automatic version closes: the people whose updates
      // the server accepted in it. Other versions have no rows here.
      await db.schema
        .createTable('section_version_authors')
        .addColumn('version_id', 'text', (c) => c.notNull().references('section_versions.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addPrimaryKeyConstraint('section_version_authors_pkey', ['version_id', 'user_id'])
        .execute();
    },
  },
  {
    name: '016-notifications-mail-calendar',
    async up(db, t) {
      // Notices in each person's bell. Kept when the thread they point at is resolved: a notice is
      // read or not, never withdrawn. digest_pending marks a notice still owed to a daily digest mail.
      await t
        .id(db.schema.createTable('notifications'), 'id')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('section_id', 'text')
        .addColumn('thread_id', 'text')
        .addColumn('meeting_id', 'text')
        .addColumn('actor_name', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .addColumn('digest_pending', t.integer, (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();
      await db.schema
        .createIndex('notifications_digest')
        .on('notifications')
        .columns(['digest_pending', 'user_id'])
        .execute();
      // Per person and kind of notice: 'immediately', 'digest' or 'off'. No row means the default.
      await db.schema
        .createTable('notification_settings')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('delivery', 'text', (c) => c.notNull().check(sql`delivery IN ('immediately', 'digest', 'off')`))
        .addPrimaryKeyConstraint('notification_settings_pkey', ['user_id', 'kind'])
        .execute();
      // Mail waiting to go, written in the transaction that writes the notice. A sender claims a row
      // (claimed_by, claimed_until) before sending and marks it sent after; a claim whose holder died
      // runs out and the row is sent again (see mail/outbox.ts for why that is at least once).
      await t
        .id(db.schema.createTable('mail_outbox'), 'id')
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text_body', 'text', (c) => c.notNull())
        .addColumn('html_body', 'text', (c) => c.notNull())
        .addColumn('ics', 'text')
        .addColumn('ics_method', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('attempts', t.integer, (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_until', 'text')
        .addColumn('sent_at', 'text')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createIndex('mail_outbox_due')
        .on('mail_outbox')
        .columns(['sent_at', 'next_attempt_at'])
        .execute();
      // The secret that opens a person's calendar feed of their communities' meetings.
      await db.schema
        .createTable('calendar_tokens')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('token', 'text', (c) => c.notNull().unique())
        .execute();
      // How many times each meeting's invitation was changed: the iCalendar SEQUENCE of the next notice.
      await db.schema
        .createTable('meeting_invitation_sequences')
        .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id').onDelete('cascade'))
        .addColumn('sequence', t.integer, (c) => c.notNull())
        .execute();
    },
  },
  {
    name: '017-proposals',
    async up(db) {
      // A proposal is a comment thread (anchor, quote, conversation) whose quote someone proposes
      // to replace. Its outcome lives here; the thread is resolved when it is decided, so the
      // proposal and its conversation stay in the thread's history either way.
      await db.schema
        .createTable('comment_proposals')
        .addColumn('thread_id', 'text', (c) => c.primaryKey().references('comment_threads.id').onDelete('cascade'))
        .addColumn('replacement', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('open', 'accepted', 'rejected')`))
        .addColumn('decided_by', 'text', (c) => c.references('users.id'))
        .addColumn('decided_at', 'text')
        .execute();
    },
  },
  {
    name: '018-meeting-summons',
    async up(db) {
      // A meeting's start and end, local time; both null for a meeting that takes the whole day.
      await db.schema.alterTable('meetings').addColumn('start_time', 'text').execute();
      await db.schema.alterTable('meetings').addColumn('end_time', 'text').execute();
      // Who is summoned to a meeting: they, not the whole community, get its notices and invitations.
      await db.schema
        .createTable('meeting_summons')
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('meeting_summons_pkey', ['meeting_id', 'user_id'])
        .execute();
      // Meetings planned before summons existed summon whom a new one would by default (the
      // rule of MeetingRepository.defaultSummons, as it stood when this was written).
      await sql`
        INSERT INTO meeting_summons (meeting_id, user_id)
        SELECT m.id, ms.user_id FROM meetings m
        JOIN bodies b ON b.id = m.body_id
        JOIN memberships ms ON ms.community_id = m.community_id
        WHERE (b.kind = 'sekretariat' AND ms.role = 'secretariat')
           OR (b.kind <> 'sekretariat' AND ms.role IN ('member', 'secretariat'))`.execute(db);
    },
  },
];
