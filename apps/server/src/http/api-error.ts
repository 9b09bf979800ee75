import type { ApiError } from '@samraad/schema';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The JSON error body every HTTP answer uses; below the routers so middleware (auth) can answer with it too. */
export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  error: string,
  message: string,
  issues?: ApiError['issues'],
) {
  const body: ApiError = issues ? { error, message, issues } : { error, message };
  return c.json(body, status);
}
