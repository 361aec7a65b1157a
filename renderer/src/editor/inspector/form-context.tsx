import { createContext, useContext, type ReactNode } from 'react';
import type { z } from 'zod';
import type { Problem } from '../../../../shared/topology';
import { getIn, isWithin, pathKey, type Path } from './paths';

/**
 * What a field needs from the form around it: the object edited (a node, or the topology's
 * metadata), a way to write one field as one undo step, and the validation problems located in it.
 * Fields name their path relative to the nearest `Scope`, so one row component serves every row.
 */
export interface FormApi {
  /** The object being edited, as in the document now. */
  readonly root: unknown;
  /** Prefix of the paths below (e.g. `ports.0` inside a port row). */
  readonly base: Path;
  /** Unique per edited object, for element ids. */
  readonly ownerId: string;
  /**
   * Writes `value` (undefined = remove) at `path` from the root; returns why not, if refused.
   * Typing in one field is one undo step; `discrete` makes an action (add, remove, import) its own.
   */
  write(path: Path, value: unknown, discrete?: boolean): string | null;
  /** Problems at `path`, or anywhere inside it with `within`. */
  problemsAt(path: Path, within?: boolean): readonly Problem[];
}

const FormContext = createContext<FormApi | null>(null);

export function useForm(): FormApi {
  const form = useContext(FormContext);
  if (!form) throw new Error('A field outside a form');
  return form;
}

export function FormProvider({ form, children }: { form: FormApi; children: ReactNode }) {
  return <FormContext.Provider value={form}>{children}</FormContext.Provider>;
}

/** Fields inside read and write below `path` (relative to the enclosing scope). */
export function Scope({ path, children }: { path: Path; children: ReactNode }) {
  const form = useForm();
  return (
    <FormContext.Provider value={{ ...form, base: [...form.base, ...path] }}>{children}</FormContext.Provider>
  );
}

export interface FieldBinding {
  /** Path from the root of the form: the `data-path` attribute and the reveal target. */
  readonly path: Path;
  readonly dataPath: string;
  readonly value: unknown;
  readonly write: (value: unknown, discrete?: boolean) => string | null;
  readonly problems: readonly Problem[];
  readonly ownerId: string;
}

export function useField(path: Path, options: { within?: boolean } = {}): FieldBinding {
  const form = useForm();
  const full = [...form.base, ...path];
  return {
    path: full,
    dataPath: pathKey(full),
    value: getIn(form.root, full),
    write: (value, discrete) => form.write(full, value, discrete),
    problems: form.problemsAt(full, options.within),
    ownerId: form.ownerId,
  };
}

/** Problems of one edited object, indexed by their path inside it. */
export function indexProblems(
  problems: readonly Problem[],
  pick: (p: Problem) => Path | undefined,
): FormApi['problemsAt'] {
  const located: { path: Path; key: string; problem: Problem }[] = [];
  for (const problem of problems) {
    const path = pick(problem);
    if (path) located.push({ path, key: pathKey(path), problem });
  }
  return (path, within = false) => {
    const key = pathKey(path);
    return located
      .filter((entry) => (within ? isWithin(entry.path, path) : entry.key === key))
      .map((entry) => entry.problem);
  };
}

const words = (path: readonly PropertyKey[]) =>
  path
    .map((segment) => (typeof segment === 'number' ? `#${segment + 1}` : String(segment)))
    .join(' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();

/** A schema error about `candidate` in words, said from the point of view of the field being edited. */
export function schemaMessage(error: z.ZodError, candidate: unknown, edited: Path): string {
  const issue = error.issues[0];
  if (!issue) return 'Not a valid value.';
  const missing =
    getIn(
      candidate,
      issue.path.map((s) => (typeof s === 'number' ? s : String(s))),
    ) === undefined;
  const same = pathKey(issue.path.map(String)) === pathKey(edited.map(String));
  if (same) return missing ? 'Required.' : issue.message;
  if (missing) return `Set the ${words(issue.path)} first.`;
  return `The ${words(issue.path)}: ${issue.message}`;
}
