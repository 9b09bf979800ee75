import { z } from 'zod';

/**
 * Imported for its effect, before anything else in the browser build. Zod compiles fast
 * validators with `new Function`, and decides whether it may when each schema is defined (by
 * calling `Function('')`). The page's Content-Security-Policy has no 'unsafe-eval', so that
 * probe would be refused and reported as a violation: the compiler is turned off first. The
 * server does not import this and keeps it.
 */
z.config({ jitless: true });
