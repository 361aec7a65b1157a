import { describe, expect, it } from 'vitest';
import { memoryFiles } from '../testing/memory-files';
import { importCompose } from './import';
import { loadDocument } from './load-document';
import { loadFiles } from './load-files';

const refused = (result: { ok: boolean; problems: readonly { code: string; line?: number }[] }) =>
  result.ok ? [] : result.problems.map((p) => [p.code, p.line]);

describe('Compose files with reserved names', () => {
  it('refuses a __proto__ service key at its line, instead of losing the service', () => {
    const text = 'services:\n  web:\n    image: nginx\n  __proto__:\n    image: evil\n';
    expect(refused(importCompose(text))).toEqual([['NAME_RESERVED', 4]]);
    expect(refused(loadDocument(text, 'compose.yaml'))).toEqual([['NAME_RESERVED', 4]]);
  });

  it('refuses constructor as a volume and prototype as a label key', () => {
    const text =
      'services:\n  web:\n    image: nginx\n    labels: {prototype: x}\nvolumes:\n  constructor: {}\n';
    expect(refused(importCompose(text))).toEqual([
      ['NAME_RESERVED', 4],
      ['NAME_RESERVED', 6],
    ]);
  });

  it('rejects __proto__ in the KEY=value list form, which is split from a string, by name', () => {
    const result = importCompose(
      'services:\n  web:\n    image: nginx\n    environment: ["__proto__=x", "A=1"]\n',
    );
    expect(result.problems.map((p) => [p.code, p.severity, p.path.join('.')])).toEqual([
      ['NAME_RESERVED', 'error', 'services.web.environment.0'],
    ]);
    const web = result.ok ? result.topology.spec.nodes['web'] : undefined;
    expect(web?.kind === 'service' && web.environment).toEqual({ A: '1' });
  });

  it('refuses __proto__ that a merge of list forms turns into a key (-f files)', () => {
    const host = memoryFiles({
      '/p/compose.yaml': 'services:\n  web:\n    image: nginx\n    environment: ["__proto__=x"]\n',
      '/p/override.yaml': 'services:\n  web:\n    environment: {A: "1"}\n',
    });
    const result = loadFiles(['/p/compose.yaml', '/p/override.yaml'], { host });
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['NAME_RESERVED']);
    expect(({} as Record<string, unknown>)['A']).toBeUndefined();
  });
});
