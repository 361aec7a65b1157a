import { useEffect, useId, useState } from 'react';
import type { DockerContext, EngineTestResult } from '../../../shared/ipc/contract';
import { useApi } from '../api/api-context';
import { engineChoiceOf, type DraftErrors, type SettingsDraft } from './settings-draft';

type Change = (change: Partial<SettingsDraft>) => void;

/** The Docker engine: the default, an address, or a docker context; and the Test button. */
export function EngineSection({
  draft,
  errors,
  change,
  inUse,
}: {
  draft: SettingsDraft;
  errors: DraftErrors;
  change: Change;
  inUse: string;
}) {
  const api = useApi();
  const id = useId();
  const [contexts, setContexts] = useState<DockerContext[] | null>(null);
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<EngineTestResult | null>(null);

  useEffect(() => {
    api.engine.contexts().then(setContexts, () => setContexts([]));
  }, [api]);

  async function test() {
    setTesting(true);
    setResult(null);
    try {
      setResult(await api.engine.test({ engine: engineChoiceOf(draft) }));
    } catch (error) {
      setResult({
        ok: false,
        host: '',
        message: error instanceof Error ? error.message : String(error),
        durationMs: 0,
      });
    } finally {
      setTesting(false);
    }
  }

  const radio = (kind: SettingsDraft['engineKind'], label: string) => (
    <label className="settings-radio">
      <input
        type="radio"
        name={`${id}-engine`}
        checked={draft.engineKind === kind}
        onChange={() => {
          change({ engineKind: kind });
          setResult(null);
        }}
      />{' '}
      {label}
    </label>
  );

  return (
    <fieldset className="settings-group">
      <legend>Docker engine</legend>
      <p className="dialog__note">In use now: {inUse}</p>
      {radio('default', 'Default (DOCKER_HOST, else the local socket)')}
      {radio('host', 'An address')}
      {draft.engineKind === 'host' && (
        <div className="dialog__field settings-indent">
          <label htmlFor={`${id}-host`}>Engine address</label>
          <input
            id={`${id}-host`}
            type="text"
            spellCheck={false}
            placeholder="unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host"
            value={draft.host}
            aria-invalid={errors.host ? true : undefined}
            aria-describedby={errors.host ? `${id}-host-error` : undefined}
            onChange={(event) => change({ host: event.target.value })}
          />
          {errors.host && (
            <p className="dialog__error" id={`${id}-host-error`}>
              {errors.host}
            </p>
          )}
        </div>
      )}
      {radio('context', 'A docker context')}
      {draft.engineKind === 'context' && (
        <div className="dialog__field settings-indent">
          <label htmlFor={`${id}-context`}>Context</label>
          <select
            id={`${id}-context`}
            value={draft.context}
            aria-invalid={errors.context ? true : undefined}
            onChange={(event) => change({ context: event.target.value })}
          >
            <option value="">
              {contexts === null
                ? 'Reading contexts…'
                : contexts.length === 0
                  ? 'No contexts in ~/.docker'
                  : 'Choose…'}
            </option>
            {(contexts ?? []).map((context) => (
              <option key={context.name} value={context.name}>
                {context.name} — {context.host}
                {context.tls ? ' (TLS)' : ''}
              </option>
            ))}
          </select>
          {errors.context && <p className="dialog__error">{errors.context}</p>}
        </div>
      )}
      <div className="settings-row">
        <button type="button" onClick={() => void test()} disabled={testing}>
          {testing ? 'Testing…' : 'Test'}
        </button>
        <span role="status" className={result ? (result.ok ? 'settings-ok' : 'settings-bad') : undefined}>
          {result?.message}
        </span>
      </div>
    </fieldset>
  );
}
