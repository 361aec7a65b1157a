import { describe, expect, it } from 'vitest';
import { makeTopology } from '../../../shared/testing/topologies';
import { replaceNode } from '../../../shared/topology';
import { createDocumentWorker } from './document-worker';

describe('createDocumentWorker without a Worker (jsdom): the same API on the page thread', () => {
  it('validates a document, then each edit as a patch of it', async () => {
    const worker = createDocumentWorker();
    const first = makeTopology({ web: { kind: 'service' } });
    expect((await worker.validate(first, null))?.map((p) => p.code)).toEqual(['IMAGE_MISSING']);
    const second = replaceNode(first, 'web', { kind: 'service', image: 'nginx:1' });
    expect(await worker.validate(second, null)).toEqual([]);
  });

  it('answers only the latest of validations asked for together', async () => {
    const worker = createDocumentWorker();
    const broken = makeTopology({ web: { kind: 'service' } });
    const fixed = replaceNode(broken, 'web', { kind: 'service', image: 'nginx:1' });
    const answers = await Promise.all([worker.validate(broken, null), worker.validate(fixed, null)]);
    expect(answers).toEqual([undefined, []]);
  });

  it('reads hostile text without throwing: a 10,000-deep nesting is a problem', async () => {
    const worker = createDocumentWorker();
    const result = await worker.run({ kind: 'import-compose', text: `services: ${'['.repeat(10_000)}` });
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['INPUT_TOO_DEEP']);
  });
});
