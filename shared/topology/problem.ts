import { showDeceptive } from '../text/deceptive-characters';
import { PROBLEM_CODES, type ProblemCode } from './problem-codes';

export type { ProblemCode } from './problem-codes';
export type Severity = 'error' | 'warning' | 'info';
export type PathSegment = string | number;

export interface Problem {
  readonly code: ProblemCode;
  readonly severity: Severity;
  /** A sentence a person understands, naming the node and what to do about it. */
  readonly message: string;
  /** The node the problem is about, when there is one. */
  readonly nodeId?: string;
  /** Field path from the document root, e.g. `['spec', 'nodes', 'db', 'ports', 0, 'published']`. */
  readonly path: readonly PathSegment[];
  /** 1-based position in the source text, when the document came from a file. */
  readonly line?: number;
  readonly column?: number;
  /** The file `line` is in, when the document was read from several files (`-f`, `include`). */
  readonly file?: string;
  /** Other node ids involved (the other side of a clash, the nodes of a cycle in order). */
  readonly related?: readonly string[];
}

export function problem(
  code: ProblemCode,
  message: string,
  path: readonly PathSegment[],
  extra: { nodeId?: string; related?: readonly string[]; severity?: Severity } = {},
): Problem {
  const { severity = PROBLEM_CODES[code].severity, ...rest } = extra;
  // Names in a message are the person's: a U+202E in one must not reorder the sentence around it.
  return { code, severity, message: showDeceptive(message), path, ...rest };
}

/** `spec.nodes.db.ports[0].published` */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by position, for stable output. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  // Each path is formatted once, not in every comparison: this runs on every edit.
  const keyed = problems.map((p) => ({ p, path: formatPath(p.path) }));
  keyed.sort(
    (a, b) =>
      SEVERITY_ORDER[a.p.severity] - SEVERITY_ORDER[b.p.severity] ||
      (a.p.line ?? 0) - (b.p.line ?? 0) ||
      (a.p.column ?? 0) - (b.p.column ?? 0) ||
      a.path.localeCompare(b.path) ||
      a.p.code.localeCompare(b.p.code),
  );
  return keyed.map((entry) => entry.p);
}

export function formatProblem(p: Problem, fileName?: string): string {
  const name = p.file ?? fileName;
  const where = p.line !== undefined ? `${name ?? ''}:${p.line}:${p.column ?? 1}` : (name ?? '');
  const field = p.path.length > 0 ? ` (${formatPath(p.path)})` : '';
  return `${where ? `${where}: ` : ''}${p.severity} ${p.code}: ${p.message}${field}`;
}
