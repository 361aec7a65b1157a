import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/ipc/errors';
import { checkFilePath } from './file-path';

function refusal(path: string): { reason: string; message: string } {
  try {
    checkFilePath(path);
  } catch (error) {
    if (error instanceof ApiError) {
      return { reason: (error.details as { reason: string }).reason, message: error.message };
    }
    throw error;
  }
  return { reason: 'accepted', message: '' };
}

describe('checkFilePath: names that cannot deceive', () => {
  it.each([
    ['evil\u202elmay.yaml', 'U+202E (right-to-left override)'],
    ['team\u2066/shop.yaml', 'U+2066 (left-to-right isolate)'],
    ['shop\u200b.yaml', 'U+200B (zero-width space)'],
    ['shop\u200e.yaml', 'U+200E (left-to-right mark)'],
    ['\ufeffshop.yaml', 'U+FEFF (zero-width no-break space)'],
    ['shop\u0085.yaml', 'U+0085 (control character)'],
  ])('refuses %j, naming %s', (path, description) => {
    const { reason, message } = refusal(path);
    expect(reason).toBe('deceptive');
    expect(message).toContain(description);
    expect(message).toMatch(/<U\+[0-9A-F]{4}>/);
  });

  it('still accepts names in any script', () => {
    expect(refusal('équipe/データ.yaml').reason).toBe('accepted');
  });
});
