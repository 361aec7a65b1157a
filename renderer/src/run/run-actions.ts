import { hasErrors } from '../../../shared/topology';
import type { Api } from '../../../shared/ipc/api';
import type { RunTarget } from '../../../shared/ipc/contract';
import type { AppState, AppStore } from '../store/app-store';
import { uiTracerFor } from '../traces/ui-tracer';
import { chooseCleanup } from './choose-cleanup';
import { startIntent } from './run-intent';
import { withActiveProfiles } from './run-profiles';
import { startWithConsent } from './start-with-consent';

/*
 * What the Run, Stop and Clean up buttons do, apart from React. One Run intent, one key
 * (run-intent.ts): a double click sends the same key and the main side answers with the run it
 * already started; a click after that run ended, or was cleaned up, is a new run.
 */

/** Why Run cannot be pressed now, or null when it can. */
export function runBlockedReason(state: AppState): string | null {
  if (state.engineStatus?.state !== 'connected') return 'The Docker engine is not connected.';
  if (Object.keys(state.doc.spec.nodes).length === 0) return 'The topology is empty: add a service or a job.';
  if (hasErrors(state.problems)) {
    const count = state.problems.filter((p) => p.severity === 'error').length;
    return `The topology has ${count} error${count === 1 ? '' : 's'}: see Problems.`;
  }
  if (state.run?.state === 'running') return 'A run is in progress.';
  return null;
}

/** The project the current document runs as: the run's, else the document's name. */
export function currentProject(state: AppState): string {
  return state.run?.project ?? state.doc.metadata.name;
}

/**
 * Where Clean up of `project` looks: where the run shown deployed when it is that project's (a run
 * summary names `swarm`, else it ran on the engine), else where the toolbar's picker deploys.
 */
export function cleanupTarget(state: AppState, project: string): RunTarget {
  if (state.run?.project === project) return state.run.target ?? 'engine';
  return state.runTarget;
}

/** The `target` field of a request: none for the engine (the contract's default). */
function targetField(target: RunTarget): { target?: RunTarget } {
  return target === 'swarm' ? { target } : {};
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function guarded(store: AppStore, busy: NonNullable<AppState['busy']>, action: () => Promise<void>) {
  const { setBusy, setRunError } = store.getState();
  setBusy(busy);
  setRunError(null);
  try {
    await action();
  } catch (error) {
    store.getState().setRunError(message(error));
  } finally {
    store.getState().setBusy(null);
  }
}

export function startRun(api: Api, store: AppStore): Promise<void> {
  const state = store.getState();
  const doc = state.doc;
  return guarded(store, 'run', async () => {
    // The click starts the trace; the main side continues it from the traceparent sent along.
    const summary = await uiTracerFor(store).traced(
      'click Run',
      { 'dockwright.project': doc.metadata.name },
      async (traceparent, span) => {
        const result = await startIntent(doc, state.run, (key) =>
          startWithConsent(
            api,
            store,
            // A saved document's relative paths resolve against its folder on the main side.
            {
              topology: doc,
              ...(state.filePath ? { file: state.filePath } : {}),
              ...withActiveProfiles(state, key),
              ...targetField(state.runTarget),
            },
            { traceparent },
          ),
        );
        if (result) span.setAttribute('dockwright.run.id', result.runId);
        return result;
      },
    );
    if (summary) store.getState().showRun(summary);
  });
}

export function stopRun(api: Api, store: AppStore): Promise<void> {
  const run = store.getState().run;
  if (!run) return Promise.resolve();
  return guarded(store, 'stop', async () => {
    store.getState().showRun(await api.runs.cancel({ runId: run.runId }));
  });
}

export function cleanUp(
  api: Api,
  store: AppStore,
  project = currentProject(store.getState()),
  target = cleanupTarget(store.getState(), project),
): Promise<void> {
  return guarded(store, 'cleanup', async () => {
    const choice = await chooseCleanup(api, store, project, target);
    if (!choice) return;
    const report = await api.runs.cleanup({
      project,
      ...(choice.volumes ? { volumes: true } : {}),
      ...targetField(target),
    });
    const state = store.getState();
    if (state.run?.project === project) state.clearRun();
    state.setOrphans(state.orphans.filter((o) => o.project !== project));
    if (report.errors.length > 0) state.setRunError(`Clean up left errors: ${report.errors.join('; ')}`);
  });
}

export function adopt(api: Api, store: AppStore, project: string): Promise<void> {
  return guarded(store, 'adopt', async () => {
    const summary = await api.runs.adopt({ project });
    const state = store.getState();
    state.showRun(summary);
    state.setOrphans(state.orphans.filter((o) => o.project !== project));
  });
}
