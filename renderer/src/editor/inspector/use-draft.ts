import { useState } from 'react';
import type { FieldBinding } from './form-context';
import { formatScalar, type Parser } from './parse';

interface Draft {
  readonly text: string;
  /** The document's value the text was typed against; another value means it changed outside. */
  readonly basis: unknown;
  readonly error: string | null;
}

/** Same content (values here are small JSON: strings, numbers, lists of them). */
export function sameValue(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The text of a field: what the user typed as long as the document still holds the value it was
 * typed against (so "80a" or "1\n" stay on screen), else the document's value formatted. Undo, redo
 * and edits elsewhere change the value, which drops the draft.
 */
export function useDraftText<T>(
  field: Pick<FieldBinding, 'value' | 'write'>,
  parse: Parser<T>,
  format: (value: unknown) => string = formatScalar,
) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const live = draft !== null && Object.is(draft.basis, field.value) ? draft : null;
  const onText = (text: string) => {
    const parsed = parse(text);
    if (!parsed.ok) {
      setDraft({ text, basis: field.value, error: parsed.error });
    } else if (sameValue(parsed.value, field.value)) {
      setDraft({ text, basis: field.value, error: null });
    } else {
      const refused = field.write(parsed.value);
      setDraft({ text, basis: refused === null ? parsed.value : field.value, error: refused });
    }
  };
  return { text: live ? live.text : format(field.value), error: live?.error ?? null, onText };
}
