import { useId, useState } from 'react';
import type { DraftErrors, SettingsDraft } from './settings-draft';

type Change = (change: Partial<SettingsDraft>) => void;

/** OTLP export: the endpoint, and headers whose values are masked until shown (they are often keys). */
export function OtlpSection({
  draft,
  errors,
  change,
}: {
  draft: SettingsDraft;
  errors: DraftErrors;
  change: Change;
}) {
  const id = useId();
  const [shown, setShown] = useState<ReadonlySet<number>>(new Set());
  const setHeader = (index: number, part: { name?: string; value?: string }) =>
    change({ headers: draft.headers.map((h, i) => (i === index ? { ...h, ...part } : h)) });
  const toggle = (index: number) =>
    setShown((current) => {
      const next = new Set(current);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });
  return (
    <fieldset className="settings-group">
      <legend>OpenTelemetry export</legend>
      <div className="dialog__field">
        <label htmlFor={`${id}-endpoint`}>OTLP endpoint</label>
        <input
          id={`${id}-endpoint`}
          type="url"
          spellCheck={false}
          placeholder="http://127.0.0.1:4318 (empty: the OTEL_* variables)"
          value={draft.otlpEndpoint}
          aria-invalid={errors.otlpEndpoint ? true : undefined}
          aria-describedby={`${id}-endpoint-note`}
          onChange={(event) => change({ otlpEndpoint: event.target.value })}
        />
        <p className="dialog__note" id={`${id}-endpoint-note`}>
          {errors.otlpEndpoint ?? 'Spans go to its /v1/traces; the exporter restarts when you save.'}
        </p>
      </div>
      <table className="settings-headers">
        <caption>Headers sent with every export</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.headers.map((header, index) => (
            <tr key={index}>
              <td>
                <input
                  type="text"
                  aria-label={`Header ${index + 1} name`}
                  spellCheck={false}
                  value={header.name}
                  onChange={(event) => setHeader(index, { name: event.target.value })}
                />
              </td>
              <td>
                <input
                  type={shown.has(index) ? 'text' : 'password'}
                  aria-label={`Header ${index + 1} value`}
                  autoComplete="off"
                  spellCheck={false}
                  value={header.value}
                  onChange={(event) => setHeader(index, { value: event.target.value })}
                />
              </td>
              <td className="settings-headers__actions">
                <button type="button" aria-pressed={shown.has(index)} onClick={() => toggle(index)}>
                  {shown.has(index) ? 'Hide' : 'Show'}
                  <span className="sr-only"> header {index + 1} value</span>
                </button>
                <button
                  type="button"
                  onClick={() => change({ headers: draft.headers.filter((_, i) => i !== index) })}
                >
                  Remove<span className="sr-only"> header {index + 1}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.headers && <p className="dialog__error">{errors.headers}</p>}
      <button type="button" onClick={() => change({ headers: [...draft.headers, { name: '', value: '' }] })}>
        Add header
      </button>
    </fieldset>
  );
}
