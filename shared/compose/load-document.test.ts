import { describe, expect, it } from 'vitest';
import { serializeTopology } from '../topology/document';
import { makeTopology } from '../testing/topologies';
import { validate } from '../topology/validate';
import { loadDocument } from './load-document';

describe('loadDocument', () => {
  it('detects a Dockwright topology and locates validation problems in it', () => {
    const text = serializeTopology(makeTopology({ web: { kind: 'service', image: 'Bad:Image' } }));
    const doc = loadDocument(text, 'dockwright.yaml');
    expect(doc.ok && doc.format).toBe('topology');
    if (!doc.ok) return;
    const [p] = doc.locate(validate(doc.topology));
    expect(p).toMatchObject({
      code: 'IMAGE_INVALID',
      line: text.split('\n').findIndex((l) => l.includes('image:')) + 1,
    });
  });

  it('detects a Compose file, interpolates with the given env, and maps problems back to Compose lines', () => {
    const text =
      'services:\n  web:\n    image: ${IMAGE}\n    ports:\n      - "80:80"\n  api:\n    image: api\n    ports:\n      - "80:80"\n';
    const doc = loadDocument(text, 'compose.yaml', { IMAGE: 'nginx' });
    expect(doc.ok && doc.format).toBe('compose');
    if (!doc.ok) return;
    expect(doc.topology.spec.nodes['web']).toMatchObject({ image: 'nginx' });
    expect(doc.problems).toEqual([]);
    const [clash] = doc.locate(validate(doc.topology));
    expect(clash).toMatchObject({ code: 'PORT_CONFLICT', nodeId: 'api', line: 9 });
  });

  it('refuses something that is neither', () => {
    const doc = loadDocument('hello: world\n', 'notes.yaml');
    expect(doc.ok ? [] : doc.problems.map((p) => p.code)).toEqual(['DOCUMENT_UNKNOWN']);
    expect(doc.format).toBe('unknown');
  });

  it('guesses the format from the name when the text cannot be read', () => {
    const doc = loadDocument('services: [\n', 'docker-compose.yml');
    expect(doc.ok).toBe(false);
    expect(doc.format).toBe('compose');
  });

  it('passes on topology schema errors with positions', () => {
    const doc = loadDocument(
      'apiVersion: dockwright.dev/v1alpha2\nkind: Topology\nmetadata: {name: x}\nspec:\n  nodes:\n    a: {kind: service, image: x, replicas: many}\n',
      'x.yaml',
    );
    expect(doc.ok ? [] : doc.problems.map((p) => [p.code, p.line])).toEqual([['SCHEMA_INVALID', 6]]);
  });
});
