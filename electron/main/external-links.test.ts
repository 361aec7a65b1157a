import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './external-links';

describe('isAllowedExternalUrl', () => {
  it('allows https pages of the allowed hosts', () => {
    expect(isAllowedExternalUrl('https://github.com/')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/some/repo/issues?q=1#top')).toBe(true);
    expect(isAllowedExternalUrl('https://docs.docker.com/compose/')).toBe(true);
  });

  it('refuses other hosts, look-alikes, other schemes, credentials, ports and garbage', () => {
    for (const url of [
      'http://github.com/',
      'https://evil.example/',
      'https://github.com.evil.example/',
      'https://evilgithub.com/',
      'https://gist.github.com/',
      'https://user:pass@github.com/',
      'https://github.com@evil.example/',
      'https://github.com:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://github.com/share',
      'ms-settings:',
      'app://dockwright/index.html',
      'not a url',
      '',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});
