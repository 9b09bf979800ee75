import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A consensus step the server will not take, with the status and message the API answers. */
export class ConsensusRefusal extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
