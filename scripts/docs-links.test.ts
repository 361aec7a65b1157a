import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * Every relative link and image in the documentation (README.md, CONTRIBUTING.md, docs/**) must
 * point at a file inside the repository, and every #fragment at a heading of the page it names.
 * Links to the web (any URL scheme) are not checked: this test needs no network.
 */

const root = path.resolve(import.meta.dirname, '..');

interface Link {
  readonly target: string;
  readonly line: number;
}

/** The Markdown files whose links are checked, relative to the repository root. */
function documentationFiles(): string[] {
  const files = ['README.md', 'CONTRIBUTING.md'];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) visit(rel);
      else if (entry.isFile() && entry.name.endsWith('.md')) files.push(rel);
    }
  };
  if (existsSync(path.join(root, 'docs'))) visit('docs');
  return files;
}

const blank = (text: string) => text.replace(/[^\n]/g, ' ');

/** The same text with fenced code blocks and HTML comments blanked (newlines kept). */
function withoutFences(markdown: string): string {
  let fence: string | undefined;
  const lines = markdown.split('\n').map((line) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined) {
      if (marker === undefined) return line;
      fence = marker;
      return blank(line);
    }
    if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    return blank(line);
  });
  return lines.join('\n').replace(/<!--[\s\S]*?-->/g, blank);
}

/** Also without code spans: what is left is where links can be. */
function withoutCode(markdown: string): string {
  return withoutFences(markdown).replace(/(`+)[\s\S]*?[^`]\1(?!`)/g, blank);
}

/** Inline links and images `[text](target "title")`, and reference definitions `[label]: target`. */
function markdownLinks(markdown: string): Link[] {
  const text = withoutCode(markdown);
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  const links: Link[] = [];
  const inline = /\[(?:[^[\]]|\[[^[\]]*\])*\]\(\s*(<[^>\n]*>|[^\s)]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
  for (const match of text.matchAll(inline)) {
    const raw = match[1] ?? '';
    links.push({ target: raw.replace(/^<|>$/g, ''), line: lineAt(match.index) });
  }
  for (const match of text.matchAll(/^ {0,3}\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+)/gm)) {
    const raw = match[1] ?? '';
    links.push({ target: raw.replace(/^<|>$/g, ''), line: lineAt(match.index) });
  }
  return links;
}

/** GitHub's anchor for a heading: lowercase, punctuation other than `-` and `_` dropped, spaces to `-`. */
function headingSlug(heading: string): string {
  return heading
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors a page offers: its headings (ATX and setext, duplicates numbered) and HTML ids. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const add = (heading: string) => {
    const slug = headingSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  };
  const lines = withoutFences(markdown).split('\n');
  lines.forEach((line, i) => {
    const atx = /^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$/.exec(line);
    if (atx) {
      add(atx[1] ?? '');
      return;
    }
    const previous = lines[i - 1];
    if (
      /^ {0,3}(?:=+|-+)\s*$/.test(line) &&
      previous !== undefined &&
      previous.trim() !== '' &&
      !/^ {0,3}(?:#|[-*+>|]|\d+[.)])/.test(previous)
    ) {
      add(previous.trim());
    }
  });
  for (const match of markdown.matchAll(/<a\s[^>]*\b(?:name|id)="([^"]+)"/g)) anchors.add(match[1] ?? '');
  return anchors;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

const anchorCache = new Map<string, Set<string>>();
function anchorsOfFile(absolute: string): Set<string> {
  let anchors = anchorCache.get(absolute);
  if (!anchors) {
    anchors = anchorsOf(readFileSync(absolute, 'utf8'));
    anchorCache.set(absolute, anchors);
  }
  return anchors;
}

/** What is wrong with one link of `file` (relative to the root), or undefined when it resolves. */
function brokenReason(file: string, link: Link): string | undefined {
  if (link.target === '' || isExternal(link.target)) return undefined;
  const hash = link.target.indexOf('#');
  const pathPart = hash < 0 ? link.target : link.target.slice(0, hash);
  const fragment = hash < 0 ? undefined : link.target.slice(hash + 1);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return 'is not a valid URL path';
  }
  const source = path.join(root, file);
  const absolute =
    decoded === ''
      ? source
      : decoded.startsWith('/')
        ? path.join(root, decoded)
        : path.resolve(path.dirname(source), decoded);
  const inside = path.relative(root, absolute);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return 'leads outside the repository';
  if (!existsSync(absolute)) return `names ${inside}, which does not exist`;
  if (fragment !== undefined && fragment !== '' && statSync(absolute).isFile() && absolute.endsWith('.md')) {
    let anchor: string;
    try {
      anchor = decodeURIComponent(fragment);
    } catch {
      return `has a fragment #${fragment} that is not valid`;
    }
    if (!anchorsOfFile(absolute).has(anchor)) {
      return `names a heading #${fragment} that ${decoded === '' ? 'this page' : inside} does not have`;
    }
  }
  return undefined;
}

describe('the link checker itself', () => {
  it('finds inline links, images and reference definitions, but not links in code', () => {
    const page = [
      'See [the guide](docs/guide.md#set-up) and ![a picture](docs/a.png "title").',
      '[label]: ../outside.md',
      '`[not](a-link.md)`',
      '```md',
      '[not either](fenced.md)',
      '```',
      '[text with `code` in it](<docs/with space.md>)',
    ].join('\n');
    expect(markdownLinks(page)).toEqual([
      { target: 'docs/guide.md#set-up', line: 1 },
      { target: 'docs/a.png', line: 1 },
      { target: 'docs/with space.md', line: 7 },
      { target: '../outside.md', line: 2 },
    ]);
  });

  it('makes anchors the way GitHub does, numbering duplicates', () => {
    expect(headingSlug('Compose import and export')).toBe('compose-import-and-export');
    expect(headingSlug('The topology file (`dockwright.yaml`)')).toBe('the-topology-file-dockwrightyaml');
    expect(headingSlug('Run, stop, clean up')).toBe('run-stop-clean-up');
    expect(headingSlug('snake_case and kebab-case')).toBe('snake_case-and-kebab-case');
    expect(headingSlug('See [the CLI](cli.md)')).toBe('see-the-cli');
    expect([...anchorsOf('# Usage\n\n## Usage\n\nSetext\n------\n\n```\n# not a heading\n```\n')]).toEqual([
      'usage',
      'usage-1',
      'setext',
    ]);
  });
});

describe('documentation links', () => {
  const files = documentationFiles();

  it('covers the README, CONTRIBUTING.md and the docs index', () => {
    for (const file of ['README.md', 'CONTRIBUTING.md', 'docs/README.md']) {
      expect(existsSync(path.join(root, file)), `${file} exists`).toBe(true);
    }
    expect(files).toContain('docs/README.md');
  });

  it.each(files)('every relative link in %s resolves inside the repository', (file) => {
    const source = path.join(root, file);
    if (!existsSync(source)) return; // reported by the test above
    const broken = markdownLinks(readFileSync(source, 'utf8')).flatMap((link) => {
      const reason = brokenReason(file, link);
      return reason === undefined ? [] : [`${file}:${link.line}: (${link.target}) ${reason}`];
    });
    expect(broken).toEqual([]);
  });
});
