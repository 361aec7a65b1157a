/*
 * Text typed in a field -> a value of the model. `undefined` is "remove the field"; an error keeps
 * the text on screen with the reason and leaves the document alone.
 */

export type Parsed<T> = { ok: true; value: T | undefined } | { ok: false; error: string };

export type Parser<T> = (text: string) => Parsed<T>;

const ok = <T>(value: T | undefined): Parsed<T> => ({ ok: true, value });
const fail = (error: string): Parsed<never> => ({ ok: false, error });

export const parseText: Parser<string> = (text) => ok(text === '' ? undefined : text);

export function parseRequiredText(what: string): Parser<string> {
  return (text) => (text.trim() === '' ? fail(`${what} is required.`) : ok(text));
}

export const parseInteger: Parser<number> = (text) => {
  const t = text.trim();
  if (t === '') return ok(undefined);
  return /^[+-]?\d+$/.test(t) ? ok(Number(t)) : fail(`"${text}" is not a whole number.`);
};

export const parseDecimal: Parser<number> = (text) => {
  const t = text.trim();
  if (t === '') return ok(undefined);
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? ok(Number(t)) : fail(`"${text}" is not a number.`);
};

/** A whole number, else the text as it is (fields such as `shmSize: 64m` take both). */
export const parseIntegerOrText: Parser<number | string> = (text) => {
  const t = text.trim();
  if (t === '') return ok(undefined);
  return /^\d+$/.test(t) ? ok(Number(t)) : ok(t);
};

/** A number (`0.5`) or text such as `"1.5"` kept as a number when it is one. */
export const parseNumberOrText: Parser<number | string> = (text) => {
  const t = text.trim();
  if (t === '') return ok(undefined);
  return /^(\d+\.?\d*|\.\d+)$/.test(t) ? ok(Number(t)) : ok(t);
};

export const parseContainerPort: Parser<number> = (text) => {
  const t = text.trim();
  if (t === '') return ok(undefined);
  return /^\d+$/.test(t) ? ok(Number(t)) : fail(`"${text}" is not a port number.`);
};

/** A host port (a number) or a range such as `8000-8010` (kept as text, as the model does). */
export const parsePublishedPort: Parser<number | string> = (text) => {
  const t = text.trim();
  if (t === '') return ok(undefined);
  if (/^\d+$/.test(t)) return ok(Number(t));
  if (/^\d+-\d+$/.test(t)) return ok(t);
  return fail(`"${text}" is not a port number or a range such as 8000-8010.`);
};

/** One item a line; blank lines are dropped. */
export function parseLines<T = string>(item?: (line: string) => Parsed<T>): Parser<T[]> {
  return (text) => {
    const out: T[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      if (!item) {
        out.push(line.trim() as T);
        continue;
      }
      const parsed = item(line.trim());
      if (!parsed.ok) return parsed;
      if (parsed.value !== undefined) out.push(parsed.value);
    }
    return ok(out.length === 0 ? undefined : out);
  };
}

export function formatLines(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join('\n') : '';
}

export function formatScalar(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
