import { describe, expect, it } from 'vitest';
import { getIn, setIn } from './paths';
import { parseLines, parsePublishedPort } from './parse';

describe('setIn', () => {
  const node = { kind: 'service', image: 'nginx', healthcheck: { test: 'true' }, ports: [{ target: 80 }] };

  it('writes immutably, sharing what did not change', () => {
    const next = setIn(node, ['ports', 0, 'published'], 8080) as typeof node;
    expect(next).toEqual({ ...node, ports: [{ target: 80, published: 8080 }] });
    expect(node.ports[0]).toEqual({ target: 80 });
    expect(next.healthcheck).toBe(node.healthcheck);
    expect(setIn(node, ['image'], 'nginx')).toBe(node);
  });

  it('removes a map left empty, up the chain, but never a list item', () => {
    expect(setIn(node, ['healthcheck', 'test'], undefined)).not.toHaveProperty('healthcheck');
    expect(setIn(node, ['ports', 0, 'target'], undefined)).toMatchObject({ ports: [{}] });
    expect(setIn(node, ['ports', 0], undefined)).not.toHaveProperty('ports');
    expect(setIn(node, ['resources', 'limits', 'cpus'], undefined)).toBe(node);
    expect(getIn(setIn(node, ['resources', 'limits', 'cpus'], 0.5), ['resources', 'limits'])).toEqual({
      cpus: 0.5,
    });
  });
});

describe('parsing field text', () => {
  it('takes a host port or a range, and says why not otherwise', () => {
    expect(parsePublishedPort('8080')).toEqual({ ok: true, value: 8080 });
    expect(parsePublishedPort('8000-8010')).toEqual({ ok: true, value: '8000-8010' });
    expect(parsePublishedPort('')).toEqual({ ok: true, value: undefined });
    expect(parsePublishedPort('80a')).toMatchObject({ ok: false });
  });

  it('reads one item a line, failing on the first bad one', () => {
    const ints = parseLines((line) =>
      /^\d+$/.test(line) ? { ok: true, value: Number(line) } : { ok: false, error: line },
    );
    expect(ints('0\n\n 2 \n')).toEqual({ ok: true, value: [0, 2] });
    expect(ints('0\nx')).toEqual({ ok: false, error: 'x' });
    expect(ints('\n')).toEqual({ ok: true, value: undefined });
  });
});
