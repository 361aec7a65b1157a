import { useId } from 'react';
import {
  HANDLER_EVENTS,
  type HandlerEvent,
  type RunHandlers,
} from '../../../../shared/topology/handler-parts';
import { notificationUrlProblem } from '../../../../shared/topology/validate-workflows';
import {
  ALL_NOTIFICATION_EVENTS,
  NOTIFICATION_EVENT_LABEL as EVENT_LABEL,
  targetEvents,
  type NotificationEvent,
  type NotificationTarget,
} from '../../../../shared/topology/workflow-parts';
import type { Topology } from '../../../../shared/topology';
import { AddForm } from './add-form';
import { FieldMessages, Section, SrOnly, TextField } from './fields';
import { useField } from './form-context';
import { ListField, RemoveButton, RowProblems } from './list-field';
import { parseRequiredText } from './parse';

/*
 * The project inspector's workflow fields: the jobs run when a run ends (`spec.handlers`) and the
 * webhooks told how runs ended (`spec.notifications`). They edit through the spec form
 * (useSpecForm), so each change is an undo step and validation's problems show where they belong.
 */

const HANDLER_LABEL: Record<HandlerEvent, { title: string; when: string }> = {
  onSuccess: { title: 'On success', when: 'when every node of the run succeeded' },
  onFailure: { title: 'On failure', when: 'when a node failed (or was skipped for one)' },
  onExit: { title: 'On exit', when: 'whenever a run ends: succeeded, failed or cancelled' },
};

/** Run handlers: for each way a run ends, the jobs of the topology to run then, as checkboxes. */
export function HandlersSection({ nodes, open }: { nodes: Topology['spec']['nodes']; open: boolean }) {
  const jobs = Object.entries(nodes)
    .filter(([, node]) => node.kind === 'job')
    .map(([id]) => id)
    .sort();
  return (
    <Section title="Run handlers" name="handlers" open={open}>
      <p className="insp-muted">
        Jobs run after a run ends, with DOCKWRIGHT_RUN_STATUS and DOCKWRIGHT_FAILED_NODES set. A handler stays
        out of the graph: nothing waits for it.
      </p>
      {jobs.length === 0 && <p className="insp-muted">No jobs yet: a handler is a job of this topology.</p>}
      {HANDLER_EVENTS.map((event) => (
        <HandlerList key={event} event={event} jobs={jobs} />
      ))}
    </Section>
  );
}

function HandlerList({ event, jobs }: { event: HandlerEvent; jobs: readonly string[] }) {
  const id = useId();
  const field = useField(['handlers', event], { within: true });
  const handlers = useField(['handlers']);
  const chosen = Array.isArray(field.value) ? (field.value as string[]) : [];
  // Ids the list names that are no job (a typo, a service): shown checked, to be unchecked.
  const strays = chosen.filter((name) => !jobs.includes(name));
  const { title, when } = HANDLER_LABEL[event];
  const toggle = (job: string, on: boolean) => {
    const next = on ? [...chosen, job] : chosen.filter((name) => name !== job);
    const { [event]: _old, ...rest } = (handlers.value ?? {}) as RunHandlers;
    const value: RunHandlers = next.length > 0 ? { ...rest, [event]: next } : rest;
    // None left: no `handlers` at all, so the file stays minimal.
    return handlers.write(Object.keys(value).length > 0 ? value : undefined, true);
  };
  if (jobs.length === 0 && strays.length === 0) return null;
  return (
    <fieldset className="insp-list" data-path={field.dataPath}>
      <legend className="insp-label" title={when}>
        {title}
      </legend>
      {[...jobs, ...strays].map((job) => (
        <div key={job} className="insp-field insp-field--check">
          <input
            id={`${id}-${job}`}
            type="checkbox"
            checked={chosen.includes(job)}
            onChange={(e) => toggle(job, e.target.checked)}
          />
          <label htmlFor={`${id}-${job}`} className="insp-label insp-label--inline">
            {job} <SrOnly>({title.toLowerCase()})</SrOnly>
          </label>
        </div>
      ))}
      <FieldMessages id={`${id}-msg`} error={null} problems={field.problems} />
    </fieldset>
  );
}

/** Webhooks told of this topology's runs: each a URL and the events it hears. */
export function NotificationsSection({ open }: { open: boolean }) {
  const targets = useField(['notifications']);
  const list = Array.isArray(targets.value) ? (targets.value as NotificationTarget[]) : [];
  return (
    <Section title="Notifications" name="notifications" open={open}>
      <ListField
        legend="Webhooks"
        hideLegend
        path={['notifications']}
        renderRow={(index, remove) => <TargetRow index={index} onRemove={remove} />}
        add={
          <AddForm
            button="Add webhook"
            fields={[{ name: 'url', label: 'New webhook URL', placeholder: 'https://hooks.example.com/…' }]}
            onAdd={({ url = '' }) => {
              const trimmed = url.trim();
              const wrong = notificationUrlProblem(trimmed);
              if (wrong) return wrong;
              return targets.write([...list, { url: trimmed }], true);
            }}
          />
        }
      />
      <p className="insp-muted">
        Each is sent a POST with a JSON body, at least once; the Settings dialog shows how deliveries go.
      </p>
    </Section>
  );
}

function TargetRow({ index, onRemove }: { index: number; onRemove: () => void }) {
  const id = useId();
  const target = useField([]);
  const events = targetEvents((target.value ?? { url: '' }) as NotificationTarget);
  const which = <SrOnly>(webhook {index + 1})</SrOnly>;
  const setEvent = (event: NotificationEvent, on: boolean) => {
    const next = ALL_NOTIFICATION_EVENTS.filter((e) => (e === event ? on : events.includes(e)));
    // Both is the default: the file stays minimal.
    const { events: _old, ...rest } = target.value as NotificationTarget;
    return target.write(
      next.length === ALL_NOTIFICATION_EVENTS.length ? rest : { ...rest, events: next },
      true,
    );
  };
  return (
    <>
      <TextField label={<>URL {which}</>} path={['url']} parse={parseRequiredText('A URL')} />
      <div className="insp-checks" role="group" aria-label={`Events sent to webhook ${index + 1}`}>
        {ALL_NOTIFICATION_EVENTS.map((event) => {
          const on = events.includes(event);
          // The last event cannot go: a target with none would hear both (the default).
          const last = on && events.length === 1;
          return (
            <span key={event} className="insp-field insp-field--check">
              <input
                id={`${id}-${event}`}
                type="checkbox"
                checked={on}
                disabled={last}
                title={last ? 'A webhook hears at least one event; remove it to hear none' : undefined}
                onChange={(e) => setEvent(event, e.target.checked)}
              />
              <label htmlFor={`${id}-${event}`} className="insp-label insp-label--inline">
                {EVENT_LABEL[event]} {which}
              </label>
            </span>
          );
        })}
      </div>
      <RowProblems />
      <RemoveButton label={`Remove webhook ${index + 1}`} onClick={onRemove} />
    </>
  );
}
