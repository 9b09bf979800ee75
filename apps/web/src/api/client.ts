import type {
  AcceptInvitationInput,
  ActivityEntry,
  ApiError,
  Case,
  CaseDetail,
  Community,
  CommunityWithOrganisations,
  CreateInvitationInput,
  CreatedInvitation,
  CreateCaseInput,
  CommentThread,
  CreateThreadInput,
  MentionCandidate,
  MentionSummary,
  ReplyInput,
  ThreadStatus,
  InvitationView,
  LoginInput,
  SessionInfo,
  UpdateCaseInput,
  UpdateProfileInput,
} from '@samraad/schema';
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

export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  const method = (init.method ?? 'GET').toUpperCase();
  const csrf: Record<string, string> = !SAFE_METHODS.has(method) && csrfToken ? { 'x-csrf-token': csrfToken } : {};
  try {
    response = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...csrf, ...init.headers },
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiRequestError(messages.errors.network, null);
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  // A request cancelled while its body was read must fail, not succeed with an empty body.
  if (init.signal?.aborted) throw init.signal.reason ?? new DOMException('Avbrutt', 'AbortError');
  if (!response.ok) {
    if (isApiError(body)) throw new ApiRequestError(body.message, response.status, body);
    throw new ApiRequestError(format(messages.errors.unexpectedResponse, { status: response.status }), response.status);
  }
  return body as T;
}

const id = encodeURIComponent;

export function fetchCommunities(signal?: AbortSignal): Promise<Community[]> {
  return request('/api/communities', { signal });
}

export function fetchCommunity(communityId: string, signal?: AbortSignal): Promise<CommunityWithOrganisations> {
  return request(`/api/communities/${id(communityId)}`, { signal });
}

export function fetchCases(communityId: string, signal?: AbortSignal): Promise<Case[]> {
  return request(`/api/communities/${id(communityId)}/cases`, { signal });
}

export function fetchCase(caseId: string, signal?: AbortSignal): Promise<CaseDetail> {
  return request(`/api/cases/${id(caseId)}`, { signal });
}

/** Without a number, reference or sections, the server gives the next free ones and the kind's standard sections. */
export function createCase(communityId: string, input: CreateCaseInput): Promise<Case> {
  return request(`/api/communities/${id(communityId)}/cases`, sendJson('POST', input));
}

export function updateCase(caseId: string, patch: UpdateCaseInput, signal?: AbortSignal): Promise<Case> {
  return request(`/api/cases/${id(caseId)}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(patch),
    signal,
  });
}

export function sendJson(method: 'POST' | 'PUT' | 'PATCH', body: unknown, signal?: AbortSignal): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal };
}

/** The logged-in session, or null when nobody is (a 401 is an answer here, not a failure). */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  try {
    return await request<SessionInfo>('/api/auth/session', { signal });
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null;
    throw error;
  }
}

export function login(input: LoginInput): Promise<SessionInfo> {
  return request('/api/auth/login', sendJson('POST', input));
}

/** Sets the logged-in person's own title; answers with the session as it is now. */
export function updateProfile(input: UpdateProfileInput): Promise<SessionInfo> {
  return request('/api/auth/profile', sendJson('PUT', input));
}

export function logout(): Promise<void> {
  return request('/api/auth/logout', { method: 'POST' });
}

export function fetchInvitation(token: string, signal?: AbortSignal): Promise<InvitationView> {
  return request(`/api/invitations/${id(token)}`, { signal });
}

export function acceptInvitation(token: string, input: AcceptInvitationInput): Promise<SessionInfo> {
  return request(`/api/invitations/${id(token)}/accept`, sendJson('POST', input));
}

/** Takes the invitation as the logged-in person, who must be the one invited. */
export function confirmInvitation(token: string): Promise<SessionInfo> {
  return request(`/api/invitations/${id(token)}/confirm`, { method: 'POST' });
}

export function createInvitation(input: CreateInvitationInput): Promise<CreatedInvitation> {
  return request('/api/invitations', sendJson('POST', input));
}

export function fetchActivity(caseId: string, signal?: AbortSignal): Promise<ActivityEntry[]> {
  return request(`/api/cases/${id(caseId)}/activity`, { signal });
}

export function fetchThreads(caseId: string, signal?: AbortSignal): Promise<CommentThread[]> {
  return request(`/api/cases/${id(caseId)}/threads`, { signal });
}

export function createThread(caseId: string, input: CreateThreadInput): Promise<CommentThread> {
  return request(`/api/cases/${id(caseId)}/threads`, sendJson('POST', input));
}

export function replyToThread(threadId: string, input: ReplyInput): Promise<CommentThread> {
  return request(`/api/threads/${id(threadId)}/comments`, sendJson('POST', input));
}

export function editComment(commentId: string, input: ReplyInput): Promise<CommentThread> {
  return request(`/api/comments/${id(commentId)}`, sendJson('PATCH', input));
}

export function deleteComment(commentId: string): Promise<CommentThread> {
  return request(`/api/comments/${id(commentId)}`, { method: 'DELETE' });
}

export function setThreadStatus(threadId: string, status: ThreadStatus): Promise<CommentThread> {
  return request(`/api/threads/${id(threadId)}/status`, sendJson('PUT', { status }));
}

export function fetchPeople(communityId: string, signal?: AbortSignal): Promise<MentionCandidate[]> {
  return request(`/api/communities/${id(communityId)}/people`, { signal });
}

export function fetchMentions(signal?: AbortSignal): Promise<MentionSummary[]> {
  return request('/api/me/mentions', { signal });
}
