import { describe, expect, it } from 'vitest';
import { dataKey, dnsLabel, escapeDollars, isDnsLabel, isLabelKey, isLabelValue, NameTable } from './names';
import { cpuQuantity, memoryQuantity, seconds } from './quantities';
import { runtimeClassName } from './runtime-class';

describe('dnsLabel', () => {
  it.each([
    ['web', 'web'],
    ['db_data', 'db-data'],
    ['My.App', 'my-app'],
    ['3rd-party', 'x-3rd-party'],
    ['--a--b--', 'a-b'],
    ['', 'x'],
    ['___', 'x'],
    ['a'.repeat(80), 'a'.repeat(63)],
  ])('%j -> %j', (input, output) => {
    expect(dnsLabel(input)).toBe(output);
    expect(isDnsLabel(dnsLabel(input))).toBe(true);
  });

  it('never ends a cut name with a dash', () => {
    expect(dnsLabel(`${'a'.repeat(62)}_b`)).toBe('a'.repeat(62));
  });
});

describe('NameTable', () => {
  it('makes names unique with a number, cutting long ones to fit', () => {
    const table = new NameTable();
    expect(table.allocate('web')).toBe('web');
    expect(table.allocate('Web')).toBe('web-2');
    expect(table.allocate('web_')).toBe('web-3');
    const long = 'b'.repeat(63);
    expect(table.allocate(long)).toBe(long);
    expect(table.allocate(long)).toBe(`${'b'.repeat(61)}-2`);
  });

  it('respects reserved names', () => {
    const table = new NameTable();
    table.reserve('api');
    expect(table.has('api')).toBe(true);
    expect(table.allocate('api')).toBe('api-2');
  });
});

describe('data keys, labels and dollars', () => {
  it('keeps valid Secret keys and replaces the rest', () => {
    expect(dataKey('db_password.txt')).toBe('db_password.txt');
    expect(dataKey('a b/c')).toBe('a_b_c');
    expect(dataKey('..')).toBe('value');
  });

  it('escapes every $ so Kubernetes does not expand $(VAR)', () => {
    expect(escapeDollars('$(HOME) and $$ and $PATH')).toBe('$$(HOME) and $$$$ and $$PATH');
  });

  it('checks label keys and values', () => {
    expect(isLabelKey('app.kubernetes.io/name')).toBe(true);
    expect(isLabelKey('com.example.description')).toBe(true);
    expect(isLabelKey('Bad Key')).toBe(false);
    expect(isLabelKey('UPPER.example.com/x')).toBe(false);
    expect(isLabelValue('Accounting webapp')).toBe(false);
    expect(isLabelValue('v1.2_3')).toBe(true);
  });

  it('keeps dots in RuntimeClass names', () => {
    expect(runtimeClassName('io.containerd.wasmedge.v1')).toBe('io.containerd.wasmedge.v1');
    expect(runtimeClassName('Kata_QEMU')).toBe('kata-qemu');
  });
});

describe('quantities', () => {
  it.each([
    ['512m', '512Mi'],
    ['1g', '1Gi'],
    ['1536k', '1536Ki'],
    ['1.5g', '1536Mi'],
    ['1000', '1000'],
    ['lots', undefined],
  ])('memory %j -> %j (Docker sizes are powers of 1024)', (input, output) => {
    expect(memoryQuantity(input)).toBe(output);
  });

  it.each([
    ['0.5', '500m'],
    [2, '2'],
    ['1.25', '1250m'],
    ['0', undefined],
    ['x', undefined],
  ] as const)('cpus %j -> %j', (input, output) => {
    expect(cpuQuantity(input)).toBe(output);
  });

  it('rounds durations up to whole seconds', () => {
    expect(seconds('1m30s')).toBe(90);
    expect(seconds('500ms')).toBe(1);
    expect(seconds('0s', 0)).toBe(0);
    expect(seconds('0s')).toBe(1);
    expect(seconds(undefined)).toBeUndefined();
  });
});
