import { refusalText, type ApiError, type InvalidInputCode, type RefusalCode } from '@samraad/schema';

/**
 * What a service (or a router's check) throws when it will not do what was asked. The app's
 * error handler turns each kind into its HTTP status and the ApiError body (api/errors.ts);
 * nothing else answers an error, so a refusal reads the same from every route.
 */
export abstract class DomainError extends Error {
  /** The body's `error` code. */
  abstract readonly code: string;
}

/** 404: there is no such thing, or the viewer may not know that there is. */
export class NotFound extends DomainError {
  readonly code = 'not_found';
  /** @param subject what is missing, capitalised as it starts the message: "Saken", "Møtet". */
  constructor(readonly subject: string) {
    super(`${subject} finnes ikke`);
  }
}

/** A 403 not decided by a shared rule: a role's limit, or a write from another site or without the CSRF token. */
type ForbiddenCode = 'forbidden' | 'bad_origin' | 'bad_csrf';

/** 403: the viewer may not do this. A rule's reason gives the code and its text; otherwise the code is "forbidden". */
export class Forbidden extends DomainError {
  private constructor(
    readonly code: RefusalCode | ForbiddenCode,
    message: string,
  ) {
    super(message);
  }

  /** Refused by a shared rule: the code is the rule's reason, the message its one wording. */
  static because(reason: RefusalCode): Forbidden {
    return new Forbidden(reason, refusalText(reason));
  }

  /** Refused for the viewer's role, in words that name who may. */
  static saying(message: string, code: ForbiddenCode = 'forbidden'): Forbidden {
    return new Forbidden(code, message);
  }
}

/** 409: the request is allowed, but the state of things refuses it (locked, already done, changed since). */
export class Conflict extends DomainError {
  readonly code: RefusalCode | 'conflict';
  /** A refusal with its one wording; or "conflict" with the stored row it collided with. */
  constructor(reason: RefusalCode);
  constructor(reason: 'conflict', message: string);
  constructor(reason: RefusalCode | 'conflict', message?: string) {
    super(message ?? refusalText(reason as RefusalCode));
    this.code = reason;
  }
}

/** 400: the body or query is not what the route takes. */
export class InvalidInput extends DomainError {
  constructor(
    message: string,
    readonly issues?: ApiError['issues'],
    readonly code: InvalidInputCode = 'invalid_body',
  ) {
    super(message);
  }
}

/** 401: nobody is logged in, or the password was wrong. */
export class Unauthenticated extends DomainError {
  constructor(
    message: string,
    readonly code: 'unauthenticated' | 'invalid_credentials' = 'unauthenticated',
  ) {
    super(message);
  }
}

/** 410: it existed, but can no longer be used (an expired or used invitation). */
export class Gone extends DomainError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** 413: the body (an uploaded file) is larger than the route takes. */
export class TooLarge extends DomainError {
  readonly code = 'too_large';
}

/** 429: too many attempts; `retryAfterSeconds` goes out as Retry-After. */
export class TooManyRequests extends DomainError {
  readonly code = 'rate_limited';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
