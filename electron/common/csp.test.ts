import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './csp';

describe('CONTENT_SECURITY_POLICY', () => {
  it("allows workers from the app's own files only (the document worker), never blob: or data:", () => {
    const workers = CONTENT_SECURITY_POLICY.split(';')
      .map((d) => d.trim().split(/\s+/))
      .find(([name]) => name === 'worker-src');
    expect(workers).toEqual(['worker-src', "'self'"]);
  });
});
