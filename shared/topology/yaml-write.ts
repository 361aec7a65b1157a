import { Document, isScalar, visit } from 'yaml';

/*
 * Strings a YAML 1.2 reader would take for something else. yaml's 1.1 schema (used below for the
 * output) already quotes what YAML 1.1 readers (PyYAML, docker-compose 1.x) misread: yes/no/on/off,
 * sexagesimal `22:22`, `0755`, `1_000`, dates. `0o17` is an int only in 1.2, so it is added here.
 */
const YAML12_NON_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/* Digits joined by colons (ports, times): sexagesimal ints to some YAML 1.1 readers. */
const COLON_NUMBERS = /^[0-9][0-9_]*(?::[0-9_]+)+$/;

const needsQuotes = (text: string): boolean => YAML12_NON_STRING.test(text) || COLON_NUMBERS.test(text);

/* A plain `<<` key is a merge key to YAML 1.1 readers (and to Compose): a key named so is quoted. */
const MERGE_KEY = '<<';

/** Serializes plain data to YAML that reads back the same under YAML 1.1 and 1.2. */
export function stringifyYaml(value: unknown): string {
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: false, keepUndefined: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && node.type !== 'BLOCK_LITERAL' && needsQuotes(node.value)) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
    Pair(_key, pair) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string') return;
      if (pair.key.value === MERGE_KEY) {
        // The writer prints `<<` as a merge key whatever its quotes; the string tag keeps it a key.
        pair.key.type = 'QUOTE_DOUBLE';
        pair.key.tag = 'tag:yaml.org,2002:str';
      } else if (needsQuotes(pair.key.value)) {
        pair.key.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0, directives: false });
}
