import type { JobOutputs } from '../../../shared/ipc/contract';
import { outputPrefix } from '../../../shared/topology/output-names';

/** A job's outputs: each key, its value, and the variable its dependents get it as. */
export function OutputsTable({ jobId, outputs }: { jobId: string; outputs: JobOutputs }) {
  const entries = Object.entries(outputs);
  if (entries.length === 0) return null;
  const prefix = outputPrefix(jobId);
  return (
    <table className="outputs-table" aria-label={`Outputs of ${jobId}`}>
      <thead>
        <tr>
          <th scope="col">Output</th>
          <th scope="col">Value</th>
          <th scope="col">Dependents get</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            <td className="outputs-table__value" title={value}>
              {value}
            </td>
            <td>
              <code>{`${prefix}_${key}`}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
