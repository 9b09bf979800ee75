import { validator } from 'hono/validator';
import type { ZodType } from 'zod';
import { apiError, validationIssues } from './errors.js';

/**
 * Validates a JSON body at the edge with a shared schema. A body that is not JSON at all and
 * a body of the wrong shape both get a 400 with a message the UI can show.
 */
export function jsonBody<T extends ZodType>(schema: T) {
  return validator('json', (value, c) => {
    const result = schema.safeParse(value);
    if (!result.success) {
      return apiError(c, 400, 'invalid_body', 'ugyldig innhold i forespørselen', validationIssues(result.error));
    }
    return result.data;
  });
}
