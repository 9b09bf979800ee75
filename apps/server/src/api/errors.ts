import type { ApiError } from '@samraad/schema';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

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

export function notFound(c: Context, what: string) {
  return apiError(c, 404, 'not_found', `${what} finnes ikke`);
}

export function validationIssues(error: ZodError): NonNullable<ApiError['issues']> {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
