import { zValidator } from '@hono/zod-validator';
import type { ZodType } from 'zod';
import { InvalidInput } from '../errors/domain-errors.js';
import { validationIssues } from './errors.js';

const INVALID_BODY = 'ugyldig innhold i forespørselen';

/**
 * Validates a JSON body at the edge with a shared schema; the route's typed input (and so the
 * web's typed client) comes from the schema. A body of the wrong shape is an InvalidInput,
 * answered 400 naming the fields; a body that is not JSON at all is answered by the app's
 * error handler as invalid_json.
 */
export function jsonBody<T extends ZodType>(schema: T) {
  return zValidator('json', schema, (result) => {
    if (!result.success) throw new InvalidInput(INVALID_BODY, validationIssues(result.error));
  });
}

/** The same for the query string (e.g. ?q= or ?from=&to=). */
export function queryOf<T extends ZodType>(schema: T) {
  return zValidator('query', schema, (result) => {
    if (!result.success) {
      throw new InvalidInput(result.error.issues[0]?.message ?? 'ugyldig spørring', undefined, 'invalid_query');
    }
  });
}
