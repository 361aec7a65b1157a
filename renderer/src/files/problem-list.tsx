import { formatPath, sortProblems, type Problem } from '../../../shared/topology';

/** Problems found in a file's text, each with its line and column when known. */
export function ProblemList({ problems, label }: { problems: readonly Problem[]; label: string }) {
  if (problems.length === 0) return null;
  return (
    <ul className="problem-list" aria-label={label}>
      {sortProblems(problems).map((p, i) => (
        <li key={i} className={p.severity}>
          <span className="problem-list__where">
            {p.line !== undefined
              ? `line ${p.line}${p.column !== undefined ? `:${p.column}` : ''}`
              : p.severity}
          </span>
          {p.message}
          {p.line === undefined && p.path.length > 0 && !p.message.includes(formatPath(p.path)) && (
            <span className="problem-list__where"> ({formatPath(p.path)})</span>
          )}
        </li>
      ))}
    </ul>
  );
}
