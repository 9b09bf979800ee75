import type {
  ApiError,
  Case,
  CaseDetail,
  Community,
  CommunityWithOrganisations,
  UpdateCaseInput,
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

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { Accept: 'application/json', ...init.headers },
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiRequestError(messages.errors.network, null);
  }
  const body: unknown = await response.json().catch(() => null);
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

export function updateCase(caseId: string, patch: UpdateCaseInput, signal?: AbortSignal): Promise<Case> {
  return request(`/api/cases/${id(caseId)}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(patch),
    signal,
  });
}
