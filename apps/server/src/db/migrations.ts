/** Ordered, append-only: a migration that has shipped is never edited. */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE communities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    hospital_name TEXT NOT NULL
  );
  CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities(id),
    name TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('kommune', 'helseforetak')),
    region TEXT
  );
  CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities(id),
    number TEXT NOT NULL,
    body TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    case_officers TEXT NOT NULL,
    document_date TEXT,
    meeting_date TEXT,
    reference TEXT,
    attachments TEXT NOT NULL,
    UNIQUE (community_id, body, number)
  );
  CREATE TABLE sections (
    id TEXT NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    owner TEXT NOT NULL CHECK (owner IN ('kommune', 'helseforetak', 'shared')),
    position INTEGER NOT NULL,
    PRIMARY KEY (case_id, id)
  );
  -- A document is its latest snapshot plus the updates appended after it.
  CREATE TABLE document_snapshots (
    room TEXT PRIMARY KEY,
    state BLOB NOT NULL
  );
  CREATE TABLE document_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room TEXT NOT NULL,
    update_data BLOB NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX document_updates_room ON document_updates (room, id);
  `,
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL
  );
  CREATE TABLE memberships (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    community_id TEXT NOT NULL REFERENCES communities(id),
    organisation_id TEXT REFERENCES organisations(id),
    side TEXT CHECK (side IN ('kommune', 'helseforetak')),
    role TEXT NOT NULL CHECK (role IN ('member', 'observer', 'secretariat', 'admin')),
    PRIMARY KEY (user_id, community_id)
  );
  -- Only hashes of session and invitation tokens are stored: a copy of the database does not
  -- let anyone log in.
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    community_id TEXT NOT NULL REFERENCES communities(id),
    organisation_id TEXT REFERENCES organisations(id),
    side TEXT,
    role TEXT NOT NULL,
    invited_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
  );
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user_id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    section_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('update', 'refused')),
    bytes INTEGER NOT NULL
  );
  CREATE INDEX audit_log_case ON audit_log (case_id, id);
  `,
  `
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  `
  CREATE TABLE comment_threads (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    anchor_start TEXT NOT NULL,
    anchor_end TEXT NOT NULL,
    quote TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    resolved_by TEXT REFERENCES users(id),
    resolved_at TEXT
  );
  CREATE INDEX comment_threads_case ON comment_threads (case_id, created_at);
  CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    thread_id TEXT NOT NULL REFERENCES comment_threads(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    edited_at TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX comments_thread ON comments (thread_id, created_at);
  CREATE TABLE comment_mentions (
    comment_id TEXT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (comment_id, user_id)
  );
  CREATE INDEX comment_mentions_user ON comment_mentions (user_id);
  `,
  `
  CREATE TABLE approvals (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('kommune', 'helseforetak')),
    user_id TEXT NOT NULL REFERENCES users(id),
    content_hash TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    voided_at TEXT,
    void_reason TEXT
  );
  CREATE INDEX approvals_case ON approvals (case_id, approved_at);
  -- A sealed copy of the agreed text: the lock refuses every update until both sides reopen.
  CREATE TABLE section_locks (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    sealed_state BLOB NOT NULL,
    locked_at TEXT NOT NULL,
    PRIMARY KEY (case_id, section_id)
  );
  CREATE TABLE one_step_agreements (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('kommune', 'helseforetak')),
    user_id TEXT NOT NULL REFERENCES users(id),
    agreed_at TEXT NOT NULL,
    PRIMARY KEY (case_id, side)
  );
  CREATE TABLE reopen_requests (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    side TEXT NOT NULL,
    requested_by TEXT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    confirmed_by TEXT REFERENCES users(id),
    confirmed_at TEXT
  );
  CREATE TABLE section_versions (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    label TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('auto', 'named')),
    created_by TEXT REFERENCES users(id),
    created_at TEXT NOT NULL,
    state BLOB NOT NULL,
    text TEXT NOT NULL
  );
  CREATE INDEX section_versions_section ON section_versions (case_id, section_id, created_at);
  `,
  `
  -- What an approval was bound to, as text, so a voided approval can show what changed.
  ALTER TABLE approvals ADD COLUMN content_text TEXT;
  CREATE TABLE approval_voids (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    reason TEXT NOT NULL CHECK (reason IN ('text-changed', 'reopened', 'status-changed')),
    voided_at TEXT NOT NULL,
    changed_by TEXT REFERENCES users(id),
    approved_hash TEXT,
    current_hash TEXT,
    approved_text TEXT,
    current_text TEXT
  );
  CREATE INDEX approval_voids_case ON approval_voids (case_id, voided_at);
  -- Whether one member per side may approve, or only the approvers named here.
  CREATE TABLE consensus_settings (
    community_id TEXT PRIMARY KEY REFERENCES communities(id),
    approval_policy TEXT NOT NULL CHECK (approval_policy IN ('any-member', 'named-approver'))
  );
  CREATE TABLE consensus_approvers (
    community_id TEXT NOT NULL REFERENCES communities(id),
    side TEXT NOT NULL CHECK (side IN ('kommune', 'helseforetak')),
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (community_id, user_id)
  );
  `,
  `
  -- Plain text of each section for search, kept current shortly after each accepted change.
  -- folded_text is lower-cased in JavaScript: SQLite's LOWER() leaves æ, ø and å alone.
  CREATE TABLE section_texts (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    text TEXT NOT NULL,
    folded_text TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (case_id, section_id)
  );
  `,
  `
  -- Bodies of a community (Partnerskapsmøtet, SSU …) and their meetings; case_body is the body
  -- as written on its cases, so case numbering per body and year counts the same cases.
  CREATE TABLE bodies (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities(id),
    name TEXT NOT NULL,
    case_body TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('partnerskapsmote', 'dialogmote', 'ssu', 'sekretariat', 'adhoc')),
    UNIQUE (community_id, name)
  );
  CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities(id),
    body_id TEXT NOT NULL REFERENCES bodies(id),
    date TEXT NOT NULL,
    place TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('planlagt', 'gjennomfort', 'avlyst')),
    minutes_case_id TEXT REFERENCES cases(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX meetings_community ON meetings (community_id, date);
  CREATE TABLE agenda_items (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, case_id)
  );
  -- Next case number per body and year, next reference per community and year.
  CREATE TABLE case_counters (
    scope TEXT PRIMARY KEY,
    next_value INTEGER NOT NULL
  );
  `,
  `
  -- Declarations (erklæringer) are signed by every partner organisation. The flag has no
  -- foreign key so the demo declarations can be flagged before the demo cases are seeded.
  CREATE TABLE declaration_cases (
    case_id TEXT PRIMARY KEY
  );
  INSERT INTO declaration_cases (case_id) VALUES ('lvs-06-2021'), ('helgeland-01-2023');
  CREATE TABLE declaration_signatures (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    signer_title TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    PRIMARY KEY (case_id, organisation_id)
  );
  `,
  `
  -- A withdrawn signature is kept here (who signed, who withdrew it and when), so the
  -- organisation can sign again and the paper trail of the declaration stays whole.
  CREATE TABLE declaration_withdrawals (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    signed_by TEXT NOT NULL REFERENCES users(id),
    signer_title TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    withdrawn_by TEXT NOT NULL REFERENCES users(id),
    withdrawn_at TEXT NOT NULL
  );
  CREATE INDEX declaration_withdrawals_case ON declaration_withdrawals (case_id, withdrawn_at);
  `,
  `
  -- A side may take back its agreement to one-step handling while the case is a draft; the
  -- row keeps when and by whom, and agreeing again clears it.
  ALTER TABLE one_step_agreements ADD COLUMN withdrawn_at TEXT;
  ALTER TABLE one_step_agreements ADD COLUMN withdrawn_by TEXT REFERENCES users(id);
  `,
  `
  -- Case notices shared between instances, kept for a few minutes: an instance that missed
  -- the Redis message (Redis was away) reads them here, so an open list is never stale.
  CREATE TABLE case_event_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    origin TEXT NOT NULL,
    payload TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX case_event_log_at ON case_event_log (at);
  `,
  `
  -- A person's own job title, printed under their signature on a declaration. The demo
  -- accounts of an existing demo installation get theirs here; a new one is seeded with them.
  ALTER TABLE users ADD COLUMN title TEXT;
  UPDATE users SET title = 'Kommunalsjef helse og omsorg' WHERE email = 'kommune@lvs.demo';
  UPDATE users SET title = 'Helse- og omsorgssjef' WHERE email = 'kommune2@lvs.demo';
  UPDATE users SET title = 'Administrerende direktør' WHERE email = 'sykehus@lvs.demo';
  UPDATE users SET title = 'Leder, brukerutvalget' WHERE email = 'observator@lvs.demo';
  UPDATE users SET title = 'Rådgiver, samhandlingssekretariatet' WHERE email = 'sekretariat@lvs.demo';
  UPDATE users SET title = 'Kommunedirektør' WHERE email = 'kommune@helgeland.demo';
  UPDATE users SET title = 'Administrerende direktør' WHERE email = 'sykehus@helgeland.demo';
  UPDATE users SET title = 'Brukerrepresentant' WHERE email = 'observator@helgeland.demo';
  UPDATE users SET title = 'Seniorrådgiver, samhandlingssekretariatet' WHERE email = 'sekretariat@helgeland.demo';
  UPDATE users SET title = 'Systemforvalter' WHERE email = 'admin@samraad.demo';
  -- The hash of the declaration text each signature was given for (NULL: given before texts
  -- were sealed, so not bound to any text), kept on a withdrawal too.
  ALTER TABLE declaration_signatures ADD COLUMN content_hash TEXT;
  ALTER TABLE declaration_withdrawals ADD COLUMN content_hash TEXT;
  -- The declaration text, sealed by the first signature: its hash, and a copy of each of its
  -- sections. A sealed section refuses every update (like a consensus lock) until the last
  -- standing signature is withdrawn.
  CREATE TABLE declaration_seals (
    case_id TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    sealed_at TEXT NOT NULL,
    sealed_by TEXT NOT NULL REFERENCES users(id)
  );
  CREATE TABLE declaration_sealed_sections (
    case_id TEXT NOT NULL REFERENCES declaration_seals(case_id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    sealed_state BLOB NOT NULL,
    PRIMARY KEY (case_id, section_id)
  );
  `,
  `
  -- Publishing freezes a case. Each publication keeps the header and every section as they
  -- stood (state, text hash); the public page and exports read these, never a live document.
  -- published_by is null only for cases that were already published before this migration.
  CREATE TABLE publications (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    sequence INTEGER NOT NULL,
    header TEXT NOT NULL,
    published_by TEXT REFERENCES users(id),
    published_at TEXT NOT NULL,
    correction_id TEXT,
    UNIQUE (case_id, sequence)
  );
  CREATE TABLE published_sections (
    publication_id TEXT NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    owner TEXT NOT NULL,
    position INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    state BLOB NOT NULL,
    PRIMARY KEY (publication_id, section_id)
  );
  -- Present while a published case is frozen: every update to any of its sections is refused,
  -- checked in each append's transaction like section_locks. A confirmed correction removes it.
  CREATE TABLE publication_freezes (
    case_id TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    publication_id TEXT NOT NULL REFERENCES publications(id),
    frozen_at TEXT NOT NULL
  );
  CREATE TABLE correction_requests (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    publication_id TEXT NOT NULL REFERENCES publications(id),
    side TEXT NOT NULL CHECK (side IN ('kommune', 'helseforetak')),
    requested_by TEXT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    confirmed_by TEXT REFERENCES users(id),
    confirmed_at TEXT
  );
  CREATE INDEX correction_requests_case ON correction_requests (case_id, requested_at);
  `,
  `
  -- Who wrote in the editing session an automatic version closes: the people whose updates
  -- the server accepted in it. Other versions have no rows here.
  CREATE TABLE section_version_authors (
    version_id TEXT NOT NULL REFERENCES section_versions(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (version_id, user_id)
  );
  `,
  `
  -- Notices in each person's bell. Kept when the thread they point at is resolved: a notice is
  -- read or not, never withdrawn. digest_pending marks a notice still owed to a daily digest mail.
  CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT NOT NULL,
    case_id TEXT,
    section_id TEXT,
    thread_id TEXT,
    meeting_id TEXT,
    actor_name TEXT,
    created_at TEXT NOT NULL,
    read_at TEXT,
    digest_pending INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX notifications_user ON notifications (user_id, id);
  CREATE INDEX notifications_digest ON notifications (digest_pending, user_id);
  -- Per person and kind of notice: 'immediately', 'digest' or 'off'. No row means the default.
  CREATE TABLE notification_settings (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    delivery TEXT NOT NULL CHECK (delivery IN ('immediately', 'digest', 'off')),
    PRIMARY KEY (user_id, kind)
  );
  -- Mail waiting to go, written in the transaction that writes the notice. A sender claims a row
  -- (claimed_by, claimed_until) before sending and marks it sent after; a claim whose holder died
  -- runs out and the row is sent again (see mail/outbox.ts for why that is at least once).
  CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    ics TEXT,
    ics_method TEXT,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    claimed_by TEXT,
    claimed_until TEXT,
    sent_at TEXT,
    last_error TEXT
  );
  CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);
  -- The secret that opens a person's calendar feed of their communities' meetings.
  CREATE TABLE calendar_tokens (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE
  );
  -- How many times each meeting's invitation was changed: the iCalendar SEQUENCE of the next notice.
  CREATE TABLE meeting_invitation_sequences (
    meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    sequence INTEGER NOT NULL
  );
  `,
];
