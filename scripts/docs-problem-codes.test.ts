import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../shared/topology/problem-codes';

const root = path.resolve(import.meta.dirname, '..');

describe('docs/file-format.md', () => {
  it('lists every problem code with its severity and summary, and no code that does not exist', () => {
    const text = readFileSync(path.join(root, 'docs', 'file-format.md'), 'utf8');
    const rows = new Map(
      [...text.matchAll(/^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|\s*(error|warning|info)\s*\|\s*(.+?)\s*\|$/gm)].map(
        (m) => [m[1]!, { severity: m[2]!, summary: m[3]! }],
      ),
    );
    const expected = new Map(Object.entries(PROBLEM_CODES).map(([code, entry]) => [code, { ...entry }]));
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(expected));
  });
});
