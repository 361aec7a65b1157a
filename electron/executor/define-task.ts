import type { TaskContext, TaskPolicy, TaskSpec } from './types';

/** The outputs of the named dependencies, typed from the tasks themselves. */
export type InputOf<TNeeds> = {
  readonly [K in keyof TNeeds]: TNeeds[K] extends TaskSpec<infer TOutput> ? TOutput : never;
};

export interface TaskDefinition<TOutput, TNeeds> {
  readonly id: string;
  /** Dependencies by local name; `run` receives their outputs under the same names. */
  readonly needs?: TNeeds;
  readonly policy?: TaskPolicy;
  run(context: TaskContext<InputOf<TNeeds>>): Promise<TOutput> | TOutput;
}

/**
 * Declares a task whose input is typed by its dependencies' outputs, for graphs written in code.
 * Graphs built from data (a topology's plan) use plain TaskSpecs with ids instead.
 */
export function defineTask<
  TOutput,
  const TNeeds extends Readonly<Record<string, TaskSpec>> = Record<never, never>,
>(definition: TaskDefinition<TOutput, TNeeds>): TaskSpec<TOutput> {
  const needs: ReadonlyArray<readonly [string, TaskSpec]> = Object.entries(definition.needs ?? {});
  return {
    id: definition.id,
    dependsOn: needs.map(([, task]) => task.id),
    ...(definition.policy === undefined ? {} : { policy: definition.policy }),
    run: (context) => {
      const input: Record<string, unknown> = {};
      for (const [name, task] of needs) input[name] = context.input[task.id];
      // Sound by construction: `input` holds, under each name, the output of the task given for it.
      return definition.run({ ...context, input: input as InputOf<TNeeds> });
    },
  };
}
