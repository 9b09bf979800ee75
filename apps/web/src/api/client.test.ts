import { REFUSAL_TEXT } from '@samraad/schema';
import type { ClientResponse } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { ApiRequestError, call, callWithoutAnswer } from './client.js';

/** What the typed client resolves to: a fetch Response, here one the server could have sent. */
const answer = (status: number, body: unknown) =>
  Promise.resolve(
    new Response(body === null ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    }) as unknown as ClientResponse<{ title: string }, number, 'json'>,
  );

async function refusal(pending: Promise<unknown>): Promise<ApiRequestError> {
  const error: unknown = await pending.catch((caught: unknown) => caught);
  if (!(error instanceof ApiRequestError)) throw new Error(`expected an ApiRequestError, got ${String(error)}`);
  return error;
}

describe('call: the typed client’s answers and refusals', () => {
  it('answers with the body of a success', async () => {
    expect(await call(answer(200, { title: 'Sak' }))).toEqual({ title: 'Sak' });
  });

  it('shows the one wording for a refusal code, whatever the message said', async () => {
    const error = await refusal(call(answer(409, { error: 'section-locked', message: 'annen tekst' })));
    expect(error.message).toBe(REFUSAL_TEXT['section-locked']);
    expect(error.status).toBe(409);
    expect(error.body?.error).toBe('section-locked');
  });

  it('shows the server’s message for a code that is not a refusal', async () => {
    const error = await refusal(call(answer(404, { error: 'not_found', message: 'Saken finnes ikke' })));
    expect(error.message).toBe('Saken finnes ikke');
    expect(error.notFound).toBe(true);
  });

  it('keeps the field problems of invalid input', async () => {
    const issues = [{ path: 'title', message: 'skriv en tittel' }];
    const error = await refusal(call(answer(400, { error: 'invalid_body', message: 'ugyldig', issues })));
    expect(error.body?.issues).toEqual(issues);
  });

  it('reports an answer without an error body by its status', async () => {
    const error = await refusal(call(answer(502, null)));
    expect(error.status).toBe(502);
    expect(error.body).toBeNull();
  });

  it('reports a network failure as such', async () => {
    const error = await refusal(call(Promise.reject(new TypeError('Failed to fetch'))));
    expect(error.status).toBeNull();
  });

  it('takes a 204 as done', async () => {
    await expect(callWithoutAnswer(answer(204, null))).resolves.toBeUndefined();
  });
});
