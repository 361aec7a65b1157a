import { describe, expect, it } from 'vitest';
import { isCidr, isDnsLabel, isDockerName, isImageReference, isProjectName, parsePortRange } from './checks';

describe('isImageReference', () => {
  it.each([
    'nginx',
    'nginx:1.25-alpine',
    'library/postgres:16',
    'ghcr.io/owner/repo:v1.2.3',
    'localhost:5000/team/app',
    'registry.example.com:8443/a/b/c:latest',
    'docker.redpanda.com/vectorized/redpanda:v22.2.2',
    `alpine@sha256:${'a'.repeat(64)}`,
    `example.com/x:1@sha256:${'0'.repeat(64)}`,
    'my_app__x',
    '[::1]:5000/app',
  ])('accepts %s', (value) => {
    expect(isImageReference(value)).toBe(true);
  });
  it.each([
    '',
    'Nginx',
    'nginx:',
    'nginx:-bad',
    'a//b',
    '-x',
    'x-',
    'MyRegistry/app',
    'app@sha256:abc',
    'has space',
    `x:${'t'.repeat(129)}`,
  ])('rejects %j', (value) => {
    expect(isImageReference(value)).toBe(false);
  });
});

describe('names', () => {
  it('tells Docker names from DNS labels', () => {
    expect(isDockerName('web_1.a-b')).toBe(true);
    expect(isDnsLabel('web_1.a-b')).toBe(false);
    expect(isDnsLabel('web-1')).toBe(true);
    expect(isDnsLabel('Web')).toBe(false);
    expect(isDnsLabel('a'.repeat(64))).toBe(false);
    expect(isDockerName('-web')).toBe(false);
    expect(isDockerName('my service')).toBe(false);
    expect(isProjectName('shop_2')).toBe(true);
    expect(isProjectName('Shop')).toBe(false);
  });
});

describe('isCidr and parsePortRange', () => {
  it('checks subnets', () => {
    expect(isCidr('172.20.0.0/24')).toBe(true);
    expect(isCidr('fd00:dead:beef::/48')).toBe(true);
    expect(isCidr('172.20.0.0')).toBe(false);
    expect(isCidr('300.1.1.1/8')).toBe(false);
    expect(isCidr('10.0.0.0/33')).toBe(false);
  });
  it('parses ports and ranges', () => {
    expect(parsePortRange(8080)).toEqual({ start: 8080, end: 8080 });
    expect(parsePortRange('8000-8010')).toEqual({ start: 8000, end: 8010 });
    expect(parsePortRange('80a')).toBeUndefined();
    expect(parsePortRange(1.5)).toBeUndefined();
  });
});
