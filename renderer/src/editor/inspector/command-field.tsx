import { useState, type ReactNode } from 'react';
import { useField } from './form-context';
import { TextField } from './fields';
import { joinShellWords, shellWords } from '../../../../shared/text/shell-words';
import { parseLines, type Parser } from './parse';
import type { Path } from './paths';

const parseShell: Parser<string> = (text) => ({ ok: true, value: text.trim() === '' ? undefined : text });
const parseArgs = parseLines();
const formatArgs = (value: unknown) => (Array.isArray(value) ? value.join('\n') : '');

function splitOrUndefined(command: string): string[] | undefined {
  try {
    return shellWords(command);
  } catch {
    return undefined;
  }
}

/**
 * A command as the model has it: a shell string (one line, run by `/bin/sh -c`) or an exec-form
 * list, edited one argument a line. The form follows the document; the button converts between them.
 */
export function CommandField({ label, path, hint }: { label: ReactNode; path: Path; hint?: string }) {
  const field = useField(path);
  const [preferList, setPreferList] = useState(false);
  const isList = Array.isArray(field.value) || (field.value === undefined && preferList);
  const toggle = () => {
    if (Array.isArray(field.value)) {
      field.write(joinShellWords(field.value as string[]), true);
    } else if (typeof field.value === 'string') {
      const args = splitOrUndefined(field.value);
      // A string with an unterminated quote is no command; it stays a string until it is fixed.
      if (args === undefined) return;
      field.write(args.length > 0 ? args : undefined, true);
    }
    setPreferList(!isList);
  };
  const action = (
    <button
      type="button"
      className="insp-link"
      onClick={toggle}
      title={isList ? 'Edit as one shell string' : 'Edit as an exec-form list, one argument a line'}
    >
      {isList ? 'as string' : 'as list'}
    </button>
  );
  return isList ? (
    <TextField<string[]>
      key="list"
      label={label}
      path={path}
      parse={parseArgs}
      format={formatArgs}
      multiline
      action={action}
      hint={hint ?? 'One argument a line'}
      placeholder="one argument a line"
    />
  ) : (
    <TextField<string>
      key="shell"
      label={label}
      path={path}
      parse={parseShell}
      action={action}
      hint={hint}
      placeholder="shell command"
    />
  );
}
