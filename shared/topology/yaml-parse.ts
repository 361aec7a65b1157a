import {
  Composer,
  Lexer,
  LineCounter,
  Parser,
  type CST,
  type Document,
  type ScalarTag,
  type Tags,
} from 'yaml';
import { problem, type Problem } from './problem';

/*
 * `mode: 0400` is octal to docker-compose (PyYAML, YAML 1.1) and to Compose v2 (go-yaml parses
 * ints with base prefix detection), but decimal 400 to YAML 1.2. File modes are the common case,
 * so leading-zero integers are read the way Docker's tools read them.
 */
const LEADING_ZERO_OCTAL: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  format: 'OCT',
  test: /^0[0-7]+$/,
  resolve: (text) => parseInt(text, 8),
};

/*
 * yaml's own duplicate-key check (`uniqueKeys`) compares each key with every earlier key of its
 * mapping: quadratic, 27 s for a 700 KB mapping. It is off; yaml-to-value.ts checks keys in one pass.
 */
const OPTIONS = {
  uniqueKeys: false,
  merge: true,
  prettyErrors: false,
  customTags: (tags: Tags): Tags => [LEADING_ZERO_OCTAL, ...tags],
} as const;

export type ParsedYaml =
  | { readonly ok: true; readonly doc: Document.Parsed; readonly lines: LineCounter }
  | { readonly ok: false; readonly problems: Problem[] };

const COLLECTIONS: ReadonlySet<string> = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * yaml's lexer and parser, one token at a time, then its composer. The parser keeps the open
 * collections on a stack, so the nesting is known at every token: a text nested deeper than
 * `maxDepth` is refused at the token that goes too deep, before the recursive composer sees it.
 */
export function parseYaml(text: string, maxDepth: number): ParsedYaml {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0);
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (nesting(parser.stack) > maxDepth) return tooDeep(parser.stack, lines, maxDepth);
  }
  for (const token of parser.end()) tokens.push(token);

  const docs = [...new Composer(OPTIONS).compose(tokens, true, text.length)];
  const [doc, second] = docs;
  if (doc === undefined) return { ok: false, problems: [problem('YAML_SYNTAX', 'Not valid YAML.', [])] };
  const errors: Problem[] = doc.errors
    .slice(0, 20)
    .map((error) =>
      located(problem('YAML_SYNTAX', `Not valid YAML: ${firstLine(error.message)}`, []), lines, error.pos[0]),
    );
  if (second !== undefined) {
    errors.push(
      located(
        problem('YAML_SYNTAX', 'Not valid here: the text holds more than one YAML document (---).', []),
        lines,
        second.range[0],
      ),
    );
  }
  return errors.length > 0 ? { ok: false, problems: errors } : { ok: true, doc, lines };
}

/** The document at the bottom and a scalar being read at the top are not levels. */
function nesting(stack: readonly CST.Token[]): number {
  const top = stack.at(-1);
  if (top === undefined) return 0;
  return stack.length - 1 - (stack.length > 1 && !COLLECTIONS.has(top.type) ? 1 : 0);
}

function tooDeep(stack: readonly CST.Token[], lines: LineCounter, maxDepth: number): ParsedYaml {
  const deepest = [...stack].reverse().find((token) => COLLECTIONS.has(token.type)) ?? stack.at(-1);
  const found = problem(
    'INPUT_TOO_DEEP',
    `Refused: the document nests mappings and lists more than ${maxDepth} levels deep; level ${maxDepth + 1} starts here.`,
    [],
  );
  return { ok: false, problems: [located(found, lines, deepest?.offset ?? 0)] };
}

export function located(found: Problem, lines: LineCounter, offset: number): Problem {
  const pos = lines.linePos(offset);
  return pos.line > 0 ? { ...found, line: pos.line, column: pos.col } : found;
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
