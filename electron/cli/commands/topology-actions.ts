// The topology commands' work: loaded only when one of them runs (see topology.ts).
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportCompose } from '../../../shared/compose/export';
import type { LoadedDocument } from '../../../shared/compose/load-document';
import { serializeTopology } from '../../../shared/topology/document';
import { plan, type PlanStep, type Wave } from '../../../shared/topology/plan';
import {
  formatPath,
  formatProblem,
  hasErrors,
  sortProblems,
  type Problem,
} from '../../../shared/topology/problem';
import { validate } from '../../../shared/topology/validate';
import { CliExit, ExitCode, type CliIo } from '../io';
import { exportK8sCommand, type K8sCliOptions } from './export-k8s';
import { loadFilesOrExit, type LoadedFiles } from '../load-file';

export interface FileOptions {
  file?: string[];
}

/** FILE and every `-f FILE`, merged; problems are reported as the command reports them. */
function load(io: CliIo, file: string | undefined, options: FileOptions, json: boolean): LoadedFiles {
  return loadFilesOrExit(io, file, options.file, (problems) =>
    report(io, file ?? options.file?.[0] ?? '', problems, json, 'stderr'),
  );
}

/** How the loaded files are named in summary lines: `a.yaml` or `a.yaml + b.yaml`. */
const label = (doc: LoadedFiles): string => doc.files.join(' + ');

function problemJson(p: Problem): Record<string, unknown> {
  return {
    code: p.code,
    severity: p.severity,
    message: p.message,
    ...(p.nodeId === undefined ? {} : { nodeId: p.nodeId }),
    path: formatPath(p.path),
    ...(p.file === undefined ? {} : { file: p.file }),
    ...(p.line === undefined ? {} : { line: p.line, column: p.column }),
    ...(p.related === undefined ? {} : { related: p.related }),
  };
}

function counts(problems: readonly Problem[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
    infos: problems.filter((p) => p.severity === 'info').length,
  };
}

function report(
  io: CliIo,
  file: string,
  problems: readonly Problem[],
  json: boolean,
  stream: 'stdout' | 'stderr',
): void {
  const sorted = sortProblems(problems);
  if (json) {
    io[stream](
      `${JSON.stringify({ file, ok: !hasErrors(sorted), problems: sorted.map(problemJson), summary: counts(sorted) }, null, 2)}\n`,
    );
    return;
  }
  for (const p of sorted) io[stream](`${formatProblem(p, file)}\n`);
}

function summaryLine(problems: readonly Problem[]): string {
  const { errors, warnings } = counts(problems);
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/** Everything known about a loaded document: load notes plus validation, located in the source. */
function checkDocument(doc: Extract<LoadedDocument, { ok: true }>): Problem[] {
  return sortProblems([...doc.problems, ...doc.locate(validate(doc.topology))]);
}

function writeOutput(io: CliIo, out: string | undefined, text: string): void {
  if (out === undefined) {
    io.stdout(text);
    return;
  }
  const target = path.resolve(io.cwd, out);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (error) {
    throw new CliExit(ExitCode.failure, `dockwright: cannot write ${out}: ${(error as Error).message}`);
  }
  io.stderr(`wrote ${out}\n`);
}

function stepText(step: PlanStep<string>): string {
  const waits = step.waitFor
    .filter((w) => w.condition !== 'created')
    .map((w) => `${w.nodeId} ${w.condition}`);
  return `${step.action} ${step.name}${step.kind === 'service' ? '' : ` (${step.kind})`}${waits.length > 0 ? ` [after ${waits.join(', ')}]` : ''}`;
}

function waveLines(waves: readonly Wave<string>[]): string {
  return waves.map((w) => `  wave ${w.index + 1}: ${w.steps.map(stepText).join('; ')}\n`).join('');
}

/** Validates first: a plan or an export of a broken topology would only move the failure later. */
function requireValid(
  io: CliIo,
  file: string,
  doc: Extract<LoadedDocument, { ok: true }>,
  json: boolean,
): Problem[] {
  const problems = checkDocument(doc);
  if (hasErrors(problems)) {
    report(io, file, problems, json, 'stderr');
    throw new CliExit(
      ExitCode.failure,
      `dockwright: ${file} has ${summaryLine(problems)}; fix the errors first`,
    );
  }
  return problems;
}

export function validateCommand(
  io: CliIo,
  file: string | undefined,
  options: FileOptions & { json?: boolean },
): void {
  const json = options.json === true;
  const doc = load(io, file, options, json);
  const problems = checkDocument(doc);
  report(io, label(doc), problems, json, 'stdout');
  if (!json)
    io.stdout(
      `${label(doc)}: ${doc.format === 'compose' ? 'compose file' : 'topology'}, ${summaryLine(problems)}\n`,
    );
  if (hasErrors(problems)) throw new CliExit(ExitCode.failure);
}

export function planCommand(
  io: CliIo,
  file: string | undefined,
  options: FileOptions & { json?: boolean },
): void {
  const json = options.json === true;
  const doc = load(io, file, options, json);
  requireValid(io, label(doc), doc, json);
  const result = plan(doc.topology);
  if (!result.ok) {
    report(io, label(doc), doc.locate(result.problems), json, 'stderr');
    throw new CliExit(ExitCode.failure);
  }
  if (json) {
    io.stdout(`${JSON.stringify({ project: doc.topology.metadata.name, ...result.plan }, null, 2)}\n`);
    return;
  }
  const { waves, teardown } = result.plan;
  io.stdout(
    `Start ${doc.topology.metadata.name} in ${waves.length} wave${waves.length === 1 ? '' : 's'}:\n${waveLines(waves)}`,
  );
  io.stdout(
    `Tear down in ${teardown.length} wave${teardown.length === 1 ? '' : 's'}:\n${waveLines(teardown)}`,
  );
}

export function importCommand(
  io: CliIo,
  file: string | undefined,
  options: FileOptions & { output?: string },
): void {
  const result = load(io, file, options, false);
  if (result.format !== 'compose') {
    throw new CliExit(
      ExitCode.usage,
      `dockwright: ${label(result)} is a Dockwright topology already; import reads Compose files`,
    );
  }
  report(io, label(result), result.problems, false, 'stderr');
  if (hasErrors(result.problems)) {
    throw new CliExit(
      ExitCode.failure,
      `dockwright: ${label(result)} could not be imported faithfully; nothing was written`,
    );
  }
  writeOutput(io, options.output, serializeTopology(result.topology));
}

export function exportCommand(
  io: CliIo,
  file: string | undefined,
  options: FileOptions &
    K8sCliOptions & { format: string; output?: string; projectName: boolean; includeSecrets?: boolean },
): void {
  if (options.format !== 'compose' && options.format !== 'k8s') {
    throw new CliExit(
      ExitCode.usage,
      `dockwright: unknown --format "${options.format}"; the supported formats are compose and k8s`,
    );
  }
  const doc = load(io, file, options, false);
  const problems = requireValid(io, label(doc), doc, false);
  for (const p of problems.filter((q) => q.severity === 'warning'))
    io.stderr(`${formatProblem(p, label(doc))}\n`);
  if (options.format === 'k8s') {
    exportK8sCommand(io, doc.topology, options);
    return;
  }
  const exported = exportCompose(doc.topology, {
    projectName: options.projectName,
    includeSecrets: options.includeSecrets === true,
  });
  for (const item of exported.fidelity) io.stderr(`note: ${item.message} (kept in ${item.keptIn})\n`);
  writeOutput(io, options.output, exported.yaml);
}
