import type { Generated } from 'kysely';

/**
 * Every table as the migrations leave it, for Kysely's typed queries. INTEGER columns are
 * BIGINT in PostgreSQL and come back as numbers there too (see postgres-client.ts); BLOB
 * columns are BYTEA and come back as Buffers from both drivers.
 */
export interface Database {
  communities: { id: string; name: string; hospital_name: string };
  organisations: { id: string; community_id: string; name: string; side: string; region: string | null };
  cases: {
    id: string;
    community_id: string;
    number: string;
    body: string;
    title: string;
    kind: string;
    status: string;
    case_officers: string;
    document_date: string | null;
    meeting_date: string | null;
    reference: string | null;
    attachments: string;
  };
  sections: { id: string; case_id: string; kind: string; title: string; owner: string; position: number };
  document_snapshots: { room: string; state: Buffer };
  document_updates: { id: Generated<number>; room: string; update_data: Buffer; created_at: string };
  users: { id: string; email: string; name: string; password_hash: string; title: string | null };
  memberships: {
    user_id: string;
    community_id: string;
    organisation_id: string | null;
    side: string | null;
    role: string;
  };
  sessions: { token_hash: string; user_id: string; csrf_token: string; created_at: string; expires_at: string };
  invitations: {
    token_hash: string;
    email: string;
    name: string;
    community_id: string;
    organisation_id: string | null;
    side: string | null;
    role: string;
    invited_by: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
  };
  audit_log: {
    id: Generated<number>;
    at: string;
    user_id: string;
    case_id: string;
    section_id: string;
    action: 'update' | 'refused';
    bytes: number;
  };
  meta: { key: string; value: string };
  comment_threads: {
    id: string;
    case_id: string;
    section_id: string;
    anchor_start: string;
    anchor_end: string;
    quote: string;
    status: 'open' | 'resolved';
    created_by: string;
    created_at: string;
    resolved_by: string | null;
    resolved_at: string | null;
  };
  comments: {
    id: string;
    thread_id: string;
    author_id: string;
    body: string;
    created_at: string;
    edited_at: string | null;
    deleted: Generated<number>;
  };
  comment_mentions: { comment_id: string; user_id: string };
  comment_proposals: {
    thread_id: string;
    replacement: string;
    status: 'open' | 'accepted' | 'rejected';
    decided_by: string | null;
    decided_at: string | null;
  };
  approvals: {
    id: string;
    case_id: string;
    side: string;
    user_id: string;
    content_hash: string;
    approved_at: string;
    voided_at: string | null;
    void_reason: string | null;
    content_text: string | null;
  };
  section_locks: { case_id: string; section_id: string; content_hash: string; sealed_state: Buffer; locked_at: string };
  one_step_agreements: {
    case_id: string;
    side: string;
    user_id: string;
    agreed_at: string;
    withdrawn_at: string | null;
    withdrawn_by: string | null;
  };
  reopen_requests: {
    id: string;
    case_id: string;
    side: string;
    requested_by: string;
    reason: string;
    requested_at: string;
    confirmed_by: string | null;
    confirmed_at: string | null;
  };
  section_versions: {
    id: string;
    case_id: string;
    section_id: string;
    label: string;
    kind: 'auto' | 'named';
    created_by: string | null;
    created_at: string;
    state: Buffer;
    text: string;
  };
  approval_voids: {
    id: string;
    case_id: string;
    reason: 'text-changed' | 'reopened' | 'status-changed';
    voided_at: string;
    changed_by: string | null;
    approved_hash: string | null;
    current_hash: string | null;
    approved_text: string | null;
    current_text: string | null;
  };
  consensus_settings: { community_id: string; approval_policy: 'any-member' | 'named-approver' };
  consensus_approvers: { community_id: string; side: string; user_id: string };
  section_texts: { case_id: string; section_id: string; text: string; folded_text: string; updated_at: string };
  bodies: { id: string; community_id: string; name: string; case_body: string; kind: string };
  meetings: {
    id: string;
    community_id: string;
    body_id: string;
    date: string;
    place: string;
    status: string;
    minutes_case_id: string | null;
    created_at: string;
    start_time: string | null;
    end_time: string | null;
  };
  meeting_summons: { meeting_id: string; user_id: string };
  agenda_items: { meeting_id: string; case_id: string; position: number };
  case_counters: { scope: string; next_value: number };
  declaration_cases: { case_id: string };
  declaration_signatures: {
    case_id: string;
    organisation_id: string;
    user_id: string;
    signer_title: string;
    signed_at: string;
    content_hash: string | null;
  };
  declaration_withdrawals: {
    id: string;
    case_id: string;
    organisation_id: string;
    signed_by: string;
    signer_title: string;
    signed_at: string;
    withdrawn_by: string;
    withdrawn_at: string;
    content_hash: string | null;
  };
  case_event_log: { id: Generated<number>; origin: string; payload: string; at: string };
  declaration_seals: { case_id: string; content_hash: string; sealed_at: string; sealed_by: string };
  declaration_sealed_sections: {
    case_id: string;
    section_id: string;
    position: number;
    title: string;
    sealed_state: Buffer;
  };
  publications: {
    id: string;
    case_id: string;
    sequence: number;
    header: string;
    published_by: string | null;
    published_at: string;
    correction_id: string | null;
  };
  published_sections: {
    publication_id: string;
    section_id: string;
    kind: string;
    title: string;
    owner: string;
    position: number;
    content_hash: string;
    state: Buffer;
  };
  publication_freezes: { case_id: string; publication_id: string; frozen_at: string };
  correction_requests: {
    id: string;
    case_id: string;
    publication_id: string;
    side: string;
    requested_by: string;
    reason: string;
    requested_at: string;
    confirmed_by: string | null;
    confirmed_at: string | null;
  };
  section_version_authors: { version_id: string; user_id: string };
  notifications: {
    id: Generated<number>;
    user_id: string;
    kind: string;
    title: string;
    body: string;
    link: string;
    case_id: string | null;
    section_id: string | null;
    thread_id: string | null;
    meeting_id: string | null;
    actor_name: string | null;
    created_at: string;
    read_at: string | null;
    digest_pending: Generated<number>;
  };
  notification_settings: { user_id: string; kind: string; delivery: 'immediately' | 'digest' | 'off' };
  mail_outbox: {
    id: Generated<number>;
    recipient: string;
    subject: string;
    text_body: string;
    html_body: string;
    ics: string | null;
    ics_method: string | null;
    created_at: string;
    attempts: Generated<number>;
    next_attempt_at: string;
    claimed_by: string | null;
    claimed_until: string | null;
    sent_at: string | null;
    last_error: string | null;
  };
  calendar_tokens: { user_id: string; token: string };
  meeting_invitation_sequences: { meeting_id: string; sequence: number };
}
