import type { ApiError } from '@samraad/schema';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  Conflict,
  DomainError,
  Forbidden,
  Gone,
  InvalidInput,
  NotFound,
  TooLarge,
  TooManyRequests,
  Unauthenticated,
} from '../errors/domain-errors.js';
import { isStorageOutage } from '../persistence/document-store.js';

/** An error answer: its status, its body, and any header it needs. */
export interface ErrorAnswer {
  status: ContentfulStatusCode;
  body: ApiError;
  headers?: Record<string, string>;
}

function answer(status: ContentfulStatusCode, error: DomainError, issues?: ApiError['issues']): ErrorAnswer {
  const body: ApiError = { error: error.code, message: error.message };
  return { status, body: issues ? { ...body, issues } : body };
}

/**
 * The one place an error becomes an HTTP answer (the app's onError calls it). Null for an
 * error nobody expected, which the caller logs and answers 500.
 */
export function errorAnswer(error: unknown): ErrorAnswer | null {
  if (error instanceof InvalidInput) return answer(400, error, error.issues);
  if (error instanceof Unauthenticated) return answer(401, error);
  if (error instanceof Forbidden) return answer(403, error);
  if (error instanceof NotFound) return answer(404, error);
  if (error instanceof Conflict) return answer(409, error);
  if (error instanceof Gone) return answer(410, error);
  if (error instanceof TooLarge) return answer(413, error);
  if (error instanceof TooManyRequests) {
    return { ...answer(429, error), headers: { 'Retry-After': String(error.retryAfterSeconds) } };
  }
  if (isStorageOutage(error)) {
    return {
      status: 503,
      body: { error: 'storage_unavailable', message: 'lagring er midlertidig utilgjengelig; prøv igjen om litt' },
      headers: { 'Retry-After': '2' },
    };
  }
  // Hono's JSON validator throws this for a body that is not JSON at all (or not sent as JSON).
  if (error instanceof HTTPException && error.status === 400) {
    return answer(400, new InvalidInput('forespørselen er ikke gyldig JSON', undefined, 'invalid_json'));
  }
  return null;
}

/** For answers given outside a route's handler (the WebSocket prefix check, the catch-all 404). */
export function apiError(c: Context, status: ContentfulStatusCode, error: string, message: string) {
  const errorBody: ApiError = { error, message };
  return c.json(errorBody, status);
}

/** A zod error's issues as the body's `issues`, one per field. */
export function validationIssues(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): NonNullable<ApiError['issues']> {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
