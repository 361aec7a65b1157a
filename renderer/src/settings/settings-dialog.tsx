import { useId, useState } from 'react';
import type { SettingsView } from '../../../shared/ipc/contract';
import { useApi } from '../api/api-context';
import { Dialog } from '../ui/dialog';
import { EngineSection } from './engine-section';
import { NotificationsSection } from './notifications-section';
import { OtlpSection } from './otlp-section';
import { draftFrom, patchFrom, type DraftErrors, type SettingsDraft } from './settings-draft';
import './settings.css';

/**
 * Settings: the Docker engine (with Test), OTLP export, the webhooks told of every project's runs
 * (with how their deliveries go), the metrics port, the theme, the log buffer, and where the data is. Save applies everything at once, without a restart.
 */
export function SettingsDialog({ view, onClose }: { view: SettingsView; onClose: () => void }) {
  const api = useApi();
  const id = useId();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(view.settings));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const change = (part: Partial<SettingsDraft>) => setDraft((current) => ({ ...current, ...part }));

  async function save() {
    const result = patchFrom(draft);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    setFailure(null);
    try {
      await api.settings.set(result);
      onClose();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      title="Settings"
      onClose={onClose}
      size="large"
      actions={
        <>
          {failure && (
            <span role="alert" className="dialog__error">
              {failure}
            </span>
          )}
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={saving} onClick={() => void save()}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      {view.notes.length > 0 && (
        <ul className="settings-notes" aria-label="Notes">
          {view.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <div className="settings-form">
        <EngineSection draft={draft} errors={errors} change={change} inUse={view.engineHost} />
        <OtlpSection draft={draft} errors={errors} change={change} />
        <NotificationsSection
          draft={draft}
          errors={errors}
          change={change}
          saved={view.settings.notifications.map((t) => t.url)}
        />
        <fieldset className="settings-group">
          <legend>Metrics endpoint</legend>
          <label>
            <input
              type="checkbox"
              checked={draft.metricsOn}
              onChange={(event) => change({ metricsOn: event.target.checked })}
            />{' '}
            Serve Prometheus metrics on 127.0.0.1
          </label>
          {draft.metricsOn && (
            <div className="dialog__field settings-indent">
              <label htmlFor={`${id}-port`}>Port</label>
              <input
                id={`${id}-port`}
                type="number"
                min={1}
                max={65535}
                value={draft.metricsPort}
                aria-invalid={errors.metricsPort ? true : undefined}
                onChange={(event) => change({ metricsPort: event.target.value })}
              />
              {errors.metricsPort && <p className="dialog__error">{errors.metricsPort}</p>}
            </div>
          )}
          {view.metricsUrl && <p className="dialog__note">Serving {view.metricsUrl}</p>}
        </fieldset>
        <fieldset className="settings-group">
          <legend>Appearance</legend>
          {(
            [
              ['light', 'Light'],
              ['dark', 'Dark'],
              ['system', 'Follow the system'],
            ] as const
          ).map(([theme, label]) => (
            <label key={theme} className="settings-radio">
              <input
                type="radio"
                name={`${id}-theme`}
                checked={draft.theme === theme}
                onChange={() => change({ theme })}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <fieldset className="settings-group">
          <legend>Logs</legend>
          <div className="dialog__field">
            <label htmlFor={`${id}-lines`}>Log lines kept per node</label>
            <input
              id={`${id}-lines`}
              type="number"
              min={1000}
              step={1000}
              value={draft.logBufferLines}
              aria-invalid={errors.logBufferLines ? true : undefined}
              aria-describedby={`${id}-lines-note`}
              onChange={(event) => change({ logBufferLines: event.target.value })}
            />
            <p className="dialog__note" id={`${id}-lines-note`}>
              {errors.logBufferLines ??
                'Older lines give way, with a marker; a smaller number applies at once.'}
            </p>
          </div>
        </fieldset>
        <fieldset className="settings-group">
          <legend>Data</legend>
          <div className="dialog__field">
            <label htmlFor={`${id}-data`}>Data directory</label>
            <input
              id={`${id}-data`}
              type="text"
              readOnly
              value={view.dataDir}
              aria-describedby={`${id}-data-note`}
            />
            <p className="dialog__note" id={`${id}-data-note`}>
              Chosen by the app (or <code>--data-dir</code>); settings are kept in {view.file}.
            </p>
          </div>
        </fieldset>
      </div>
    </Dialog>
  );
}
