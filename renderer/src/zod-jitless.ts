import { z } from 'zod';

/*
 * The renderer's Content-Security-Policy forbids eval. Left alone, zod probes for it (`new
 * Function`) when its first object schema is made: the probe is caught, but the browser reports a
 * CSP violation for it, and zod then takes its no-eval path anyway. Saying so up front skips the
 * probe. Imported first by each entry point (the page and the document worker), so that it runs
 * before any module that makes a schema.
 */
z.config({ jitless: true });
