import { describe, expect, it } from 'vitest';
import { makeTopology } from '../testing/topologies';
import { exportCompose } from './export';
import { importCompose } from './import';

describe('run handlers in Compose', () => {
  const topology = makeTopology(
    {
      build: { kind: 'job', image: 'busybox', command: 'true' },
      notify: { kind: 'job', image: 'busybox', command: 'echo done' },
    },
    { metadata: { name: 'ci' }, spec: { handlers: { onFailure: ['notify'], onExit: ['notify'] } } },
  );

  it('keeps spec.handlers in the top-level x-dockwright, reported, and re-imports them', () => {
    const { compose, yaml, fidelity } = exportCompose(topology);
    expect(compose['x-dockwright']).toMatchObject({
      handlers: { onFailure: ['notify'], onExit: ['notify'] },
    });
    expect(fidelity.map((item) => item.keptIn)).toContain('x-dockwright.handlers');
    const back = importCompose(yaml);
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.topology.spec.handlers).toEqual({ onFailure: ['notify'], onExit: ['notify'] });
  });
});
