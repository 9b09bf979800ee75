import { REFUSAL_TEXT } from '@samraad/schema';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  Conflict,
  Forbidden,
  Gone,
  InvalidInput,
  NotFound,
  TooManyRequests,
  Unauthenticated,
} from '../errors/domain-errors.js';
import { ConflictError } from '../cases/case-repository.js';
import { StorageUnavailable } from '../persistence/document-store.js';
import { errorAnswer } from './errors.js';
import { jsonBody } from './validate.js';

describe('errorAnswer: every kind of error to its status and body', () => {
  it.each([
    [new NotFound('Saken'), 404, { error: 'not_found', message: 'Saken finnes ikke' }],
    [
      Forbidden.saying('bare sekretariatet kan opprette saker'),
      403,
      { error: 'forbidden', message: 'bare sekretariatet kan opprette saker' },
    ],
    [Forbidden.because('not-approver'), 403, { error: 'not-approver', message: REFUSAL_TEXT['not-approver'] }],
    [
      Forbidden.saying('sikkerhetsnøkkelen mangler', 'bad_csrf'),
      403,
      { error: 'bad_csrf', message: 'sikkerhetsnøkkelen mangler' },
    ],
    [new Conflict('section-locked'), 409, { error: 'section-locked', message: REFUSAL_TEXT['section-locked'] }],
    [
      new Conflict('conflict', 'LVS har allerede en sak 04-2022'),
      409,
      { error: 'conflict', message: 'LVS har allerede en sak 04-2022' },
    ],
    [
      new ConflictError('det finnes allerede et organ som heter AU'),
      409,
      { error: 'conflict', message: 'det finnes allerede et organ som heter AU' },
    ],
    [new InvalidInput('velg et organ'), 400, { error: 'invalid_body', message: 'velg et organ' }],
    [
      new InvalidInput('ugyldig innhold', [{ path: 'bodyId', message: 'velg et organ' }]),
      400,
      { error: 'invalid_body', message: 'ugyldig innhold', issues: [{ path: 'bodyId', message: 'velg et organ' }] },
    ],
    [
      new InvalidInput('oppgi to versjoner', undefined, 'invalid_query'),
      400,
      { error: 'invalid_query', message: 'oppgi to versjoner' },
    ],
    [new Unauthenticated('du må logge inn'), 401, { error: 'unauthenticated', message: 'du må logge inn' }],
    [
      new Unauthenticated('passordet er feil', 'invalid_credentials'),
      401,
      { error: 'invalid_credentials', message: 'passordet er feil' },
    ],
    [new Gone('invitation_used', 'brukt'), 410, { error: 'invitation_used', message: 'brukt' }],
    [
      new HTTPException(400, { message: 'Malformed JSON in request body' }),
      400,
      { error: 'invalid_json', message: 'forespørselen er ikke gyldig JSON' },
    ],
  ])('%s → %i', (error, status, body) => {
    const answer = errorAnswer(error);
    expect(answer?.status).toBe(status);
    expect(answer?.body).toEqual(body);
    expect(answer?.headers).toBeUndefined();
  });

  it('answers too many attempts 429 with Retry-After', () => {
    expect(errorAnswer(new TooManyRequests('prøv igjen om 30 sekunder', 30))).toEqual({
      status: 429,
      body: { error: 'rate_limited', message: 'prøv igjen om 30 sekunder' },
      headers: { 'Retry-After': '30' },
    });
  });

  it('answers a storage outage 503 with Retry-After, as nothing was stored', () => {
    const answer = errorAnswer(new StorageUnavailable(new Error('SQLITE_FULL')));
    expect(answer?.status).toBe(503);
    expect(answer?.body.error).toBe('storage_unavailable');
    expect(answer?.headers).toEqual({ 'Retry-After': '2' });
  });

  it('leaves an unexpected error to the caller (logged, 500)', () => {
    expect(errorAnswer(new Error('boom'))).toBeNull();
    expect(errorAnswer(new HTTPException(500))).toBeNull();
  });
});

describe('jsonBody: bodies that are not what the route takes', () => {
  const app = new Hono()
    .onError((error, c) => {
      const answer = errorAnswer(error);
      return answer ? c.json(answer.body, answer.status) : c.text('unexpected', 500);
    })
    .post('/', jsonBody(z.object({ title: z.string().min(1) })), (c) => c.json(c.req.valid('json')));
  const post = (body: string, type = 'application/json') =>
    app.request('/', { method: 'POST', body, headers: { 'content-type': type } });

  it('takes a body of the right shape', async () => {
    const response = await post('{"title":"Sak"}');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ title: 'Sak' });
  });

  it('answers a body that is not JSON with invalid_json', async () => {
    const response = await post('{"title": ');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_json', message: 'forespørselen er ikke gyldig JSON' });
  });

  it('answers a body of the wrong shape with invalid_body naming the field', async () => {
    const response = await post('{"title": 7}');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; issues: Array<{ path: string }> };
    expect(body.error).toBe('invalid_body');
    expect(body.issues.map((issue) => issue.path)).toEqual(['title']);
  });

  it('answers a body not sent as JSON as invalid input, not as an empty success', async () => {
    const response = await post('title=Sak', 'application/x-www-form-urlencoded');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_body');
  });
});
