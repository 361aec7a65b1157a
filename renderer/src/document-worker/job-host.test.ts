import { describe, expect, it } from 'vitest';
import { makeTopology } from '../../../shared/testing/topologies';
import { createJobHost, type JobReply } from './job-host';

const broken = makeTopology({ web: { kind: 'service' } });
const fixed = makeTopology({ web: { kind: 'service', image: 'nginx:1' } });

function host() {
  const replies: JobReply[] = [];
  const queued: Array<() => void> = [];
  const handle = createJobHost(
    (reply) => replies.push(reply),
    (run) => queued.push(run),
  );
  const drain = () => queued.splice(0).forEach((run) => run());
  return { handle, replies, drain };
}

describe('the document worker host', () => {
  it('validates once for the requests queued together, the latest; the others are superseded', () => {
    const { handle, replies, drain } = host();
    handle({
      id: 1,
      job: { kind: 'validate', patch: { kind: 'full', version: 1, doc: broken }, capabilities: null },
    });
    handle({
      id: 2,
      job: { kind: 'validate', patch: { kind: 'full', version: 2, doc: broken }, capabilities: null },
    });
    handle({
      id: 3,
      job: { kind: 'validate', patch: { kind: 'full', version: 3, doc: fixed }, capabilities: null },
    });
    drain();
    expect(replies).toEqual([
      { id: 1, ok: true, result: { kind: 'superseded' } },
      { id: 2, ok: true, result: { kind: 'superseded' } },
      { id: 3, ok: true, result: { kind: 'problems', version: 3, problems: [] } },
    ]);
  });

  it('says out-of-sync for a patch made from a copy it does not have', () => {
    const { handle, replies } = host();
    handle({
      id: 1,
      job: {
        kind: 'validate',
        patch: {
          kind: 'delta',
          base: 5,
          version: 6,
          top: { set: {}, remove: [] },
          spec: { set: {}, remove: [] },
          nodes: { set: {}, remove: [] },
        },
        capabilities: null,
      },
    });
    expect(replies).toEqual([{ id: 1, ok: true, result: { kind: 'out-of-sync' } }]);
  });

  it('reads texts at once: Open, Import Compose (laid out) and Insert', () => {
    const { handle, replies } = host();
    handle({
      id: 1,
      job: { kind: 'open', text: 'services:\n  web: {image: nginx}\n', fileName: 'compose.yaml' },
    });
    handle({ id: 2, job: { kind: 'import-compose', text: 'services:\n  web: {image: nginx}\n' } });
    handle({ id: 3, job: { kind: 'load', text: 'a: [', fileName: 'x.yaml' } });
    const [open, imported, inserted] = replies.map((r) => (r.ok ? r.result : r.error));
    expect(open).toMatchObject({ kind: 'compose' });
    const importedLayout = (imported as { ok: boolean; topology?: { layout?: { nodes?: object } } }).topology
      ?.layout;
    expect(Object.keys(importedLayout?.nodes ?? {})).toEqual(['web']);
    expect(inserted).toMatchObject({ ok: false });
  });
});
