import { DEMO_PASSWORD } from '../demo/users.js';

export interface TestSession {
  baseUrl: string;
  cookie: string;
  csrfToken: string;
}

/** Logs in through the real endpoint, as the browser does, and keeps the cookie. */
export async function login(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<TestSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login as ${email} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { baseUrl, cookie, csrfToken };
}

/** fetch with the session's cookie, CSRF token and our own Origin. */
export function sessionFetch(session: TestSession, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cookie', session.cookie);
  headers.set('origin', session.baseUrl);
  headers.set('x-csrf-token', session.csrfToken);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return fetch(`${session.baseUrl}${path}`, { ...init, headers });
}

export const DEMO = {
  kommune: 'kommune@lvs.demo',
  sykehus: 'sykehus@lvs.demo',
  observator: 'observator@lvs.demo',
  sekretariat: 'sekretariat@lvs.demo',
  helgelandKommune: 'kommune@helgeland.demo',
} as const;

export interface DemoRoles {
  kommune: TestSession;
  sykehus: TestSession;
  observator: TestSession;
  sekretariat: TestSession;
}

/** The four people of a typical case in LVS, each logged in: municipal, hospital, observer, secretariat. */
export async function loginDemoRoles(baseUrl: string): Promise<DemoRoles> {
  const [kommune, sykehus, observator, sekretariat] = await Promise.all([
    login(baseUrl, DEMO.kommune),
    login(baseUrl, DEMO.sykehus),
    login(baseUrl, DEMO.observator),
    login(baseUrl, DEMO.sekretariat),
  ]);
  return { kommune, sykehus, observator, sekretariat };
}
