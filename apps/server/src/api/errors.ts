import type { ApiError } from '@samraad/schema';
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { apiError } from '../http/api-error.js';

export { apiError };

export function notFound(c: Context, what: string) {
  return apiError(c, 404, 'not_found', `${what} finnes ikke`);
}

export function validationIssues(error: ZodError): NonNullable<ApiError['issues']> {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
