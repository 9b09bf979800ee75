import {
  refusalText,
  type AcceptInvitationInput,
  type ActivityEntry,
  type ApiError,
  type Case,
  type CaseDetail,
  type CaseImportPreview,
  type CommentThread,
  type Community,
  type CommunityWithOrganisations,
  type CreateCaseInput,
  type CreateInvitationInput,
  type CreateProposalInput,
  type CreateThreadInput,
  type CreatedInvitation,
  type DecideProposalInput,
  type InvitationView,
  type LoginInput,
  type MentionCandidate,
  type MentionSummary,
  type ReplyInput,
  type SessionInfo,
  type ThreadStatus,
  type UpdateCaseInput,
  type UpdateProfileInput,
} from '@samraad/schema';
// Type only: the contract is checked at build time, and no server code reaches the bundle.
import type { AppType } from '@samraad/server/dist/api/routes.js';
import { hc, type ClientResponse } from 'hono/client';
import { format, messages } from '../i18n/messages.js';

/** A failed request, carrying the server's Norwegian message when it sent one. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly body: ApiError | null = null,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }

  get notFound(): boolean {
    return this.status === 404;
  }
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).error === 'string' &&
    typeof (value as ApiError).message === 'string'
  );
}

/**
 * The server refuses state-changing requests without the session's CSRF token in a header
 * (a cookie alone could be sent by another site's form). Set on login, cleared on logout.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** fetch with the session: same-origin cookies, JSON answers, the CSRF token on writes. */
function sessionFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  const method = (init.method ?? 'GET').toUpperCase();
  if (!SAFE_METHODS.has(method) && csrfToken) headers.set('x-csrf-token', csrfToken);
  return fetch(input, { ...init, headers, credentials: 'same-origin' });
}

/**
 * The REST API, typed by the server's routes (AppType): a path, body or answer that no longer
 * matches the server is a build error here. Path parameters go in as they are, so callers pass
 * them through `id` (encodeURIComponent).
 */
export const api = hc<AppType>('/api', { fetch: sessionFetch });

/** Per-request options: the signal that cancels it. */
export const cancelledBy = (signal?: AbortSignal) => ({ init: { signal } });

/**
 * Sends a typed request and answers with its body, typed by the route. A refusal becomes an
 * ApiRequestError with the wording for its code (REFUSAL_TEXT, shared with the server), or
 * the server's message for other codes.
 */
export async function call<T>(pending: Promise<ClientResponse<T, number, 'json'>>, signal?: AbortSignal): Promise<T> {
  const response = await answered(pending, signal);
  const body = await response.json().catch(() => null);
  // A request cancelled while its body was read must fail, not succeed with an empty body.
  if (signal?.aborted) throw signal.reason ?? new DOMException('Avbrutt', 'AbortError');
  if (body === null) throw unexpected(response.status);
  return body;
}

/** The same for a request answered 204 No Content. */
/**
 * For answers that carry section nodes: Hono's client widens the recursive SectionNode (a node
 * holds nodes) to JSONValue, so such an answer is typed by the route's own schema type instead.
 */
export function callWithNodes<T>(
  pending: Promise<ClientResponse<unknown, number, 'json'>>,
  signal?: AbortSignal,
): Promise<T> {
  return call(pending, signal) as Promise<T>;
}

export async function callWithoutAnswer(pending: Promise<ClientResponse<unknown, number, string>>): Promise<void> {
  await answered(pending);
}

async function answered<R extends Response>(pending: Promise<R>, signal?: AbortSignal): Promise<R> {
  let response: R;
  try {
    response = await pending;
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(messages.errors.network, null);
  }
  if (response.ok) return response;
  const body: unknown = await response.json().catch(() => null);
  if (signal?.aborted) throw signal.reason ?? new DOMException('Avbrutt', 'AbortError');
  if (isApiError(body)) throw new ApiRequestError(refusalText(body.error) ?? body.message, response.status, body);
  throw unexpected(response.status);
}

const unexpected = (status: number) =>
  new ApiRequestError(format(messages.errors.unexpectedResponse, { status }), status);

/** A path parameter as it goes into the URL (the typed client does not encode it). */
export const id = encodeURIComponent;

export function fetchCommunities(signal?: AbortSignal): Promise<Community[]> {
  return call(api.communities.$get({}, cancelledBy(signal)), signal);
}

export function fetchCommunity(communityId: string, signal?: AbortSignal): Promise<CommunityWithOrganisations> {
  return call(
    api.communities[':communityId'].$get({ param: { communityId: id(communityId) } }, cancelledBy(signal)),
    signal,
  );
}

export function fetchCases(communityId: string, signal?: AbortSignal): Promise<Case[]> {
  return call(
    api.communities[':communityId'].cases.$get({ param: { communityId: id(communityId) } }, cancelledBy(signal)),
    signal,
  );
}

export function fetchCase(caseId: string, signal?: AbortSignal): Promise<CaseDetail> {
  return call(api.cases[':caseId'].$get({ param: { caseId: id(caseId) } }, cancelledBy(signal)), signal);
}

/** Without a number, reference or sections, the server gives the next free ones and the kind's standard sections. */
export function createCase(communityId: string, input: CreateCaseInput): Promise<Case> {
  return call(api.communities[':communityId'].cases.$post({ param: { communityId: id(communityId) }, json: input }));
}

/** What the server reads from a .docx case paper, for review; nothing is stored. */
export function previewCaseImport(communityId: string, file: File): Promise<CaseImportPreview> {
  const form = new FormData();
  form.set('file', file);
  // The route reads the form itself (it limits the upload's size first); the file goes as the body.
  return callWithNodes<CaseImportPreview>(
    api.communities[':communityId'].cases.import.preview.$post(
      { param: { communityId: id(communityId) } },
      { init: { body: form } },
    ),
  );
}

export function updateCase(caseId: string, patch: UpdateCaseInput, signal?: AbortSignal): Promise<Case> {
  return call(api.cases[':caseId'].$patch({ param: { caseId: id(caseId) }, json: patch }, cancelledBy(signal)), signal);
}

/** The logged-in session, or null when nobody is (a 401 is an answer here, not a failure). */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  try {
    return await call(api.auth.session.$get({}, cancelledBy(signal)), signal);
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null;
    throw error;
  }
}

export function login(input: LoginInput): Promise<SessionInfo> {
  return call(api.auth.login.$post({ json: input }));
}

/** Sets the logged-in person's own title; answers with the session as it is now. */
export function updateProfile(input: UpdateProfileInput): Promise<SessionInfo> {
  return call(api.auth.profile.$put({ json: input }));
}

export function logout(): Promise<void> {
  return callWithoutAnswer(api.auth.logout.$post());
}

export function fetchInvitation(token: string, signal?: AbortSignal): Promise<InvitationView> {
  return call(api.invitations[':token'].$get({ param: { token: id(token) } }, cancelledBy(signal)), signal);
}

export function acceptInvitation(token: string, input: AcceptInvitationInput): Promise<SessionInfo> {
  return call(api.invitations[':token'].accept.$post({ param: { token: id(token) }, json: input }));
}

/** Takes the invitation as the logged-in person, who must be the one invited. */
export function confirmInvitation(token: string): Promise<SessionInfo> {
  return call(api.invitations[':token'].confirm.$post({ param: { token: id(token) } }));
}

export function createInvitation(input: CreateInvitationInput): Promise<CreatedInvitation> {
  return call(api.invitations.$post({ json: input }));
}

export function fetchActivity(caseId: string, signal?: AbortSignal): Promise<ActivityEntry[]> {
  return call(api.cases[':caseId'].activity.$get({ param: { caseId: id(caseId) } }, cancelledBy(signal)), signal);
}

export function fetchThreads(caseId: string, signal?: AbortSignal): Promise<CommentThread[]> {
  return call(api.cases[':caseId'].threads.$get({ param: { caseId: id(caseId) } }, cancelledBy(signal)), signal);
}

export function createThread(caseId: string, input: CreateThreadInput): Promise<CommentThread> {
  return call(api.cases[':caseId'].threads.$post({ param: { caseId: id(caseId) }, json: input }));
}

/** A proposed replacement of the anchored words: a thread of its own, with the proposal on it. */
export function createProposal(caseId: string, input: CreateProposalInput): Promise<CommentThread> {
  return call(api.cases[':caseId'].proposals.$post({ param: { caseId: id(caseId) }, json: input }));
}

export function submitProposalDecision(
  threadId: string,
  decision: DecideProposalInput['decision'],
): Promise<CommentThread> {
  return call(api.threads[':threadId'].proposal.$put({ param: { threadId: id(threadId) }, json: { decision } }));
}

export function replyToThread(threadId: string, input: ReplyInput): Promise<CommentThread> {
  return call(api.threads[':threadId'].comments.$post({ param: { threadId: id(threadId) }, json: input }));
}

export function editComment(commentId: string, input: ReplyInput): Promise<CommentThread> {
  return call(api.comments[':commentId'].$patch({ param: { commentId: id(commentId) }, json: input }));
}

export function deleteComment(commentId: string): Promise<CommentThread> {
  return call(api.comments[':commentId'].$delete({ param: { commentId: id(commentId) } }));
}

export function setThreadStatus(threadId: string, status: ThreadStatus): Promise<CommentThread> {
  return call(api.threads[':threadId'].status.$put({ param: { threadId: id(threadId) }, json: { status } }));
}

export function fetchPeople(communityId: string, signal?: AbortSignal): Promise<MentionCandidate[]> {
  return call(
    api.communities[':communityId'].people.$get({ param: { communityId: id(communityId) } }, cancelledBy(signal)),
    signal,
  );
}

export function fetchMentions(signal?: AbortSignal): Promise<MentionSummary[]> {
  return call(api.me.mentions.$get({}, cancelledBy(signal)), signal);
}
