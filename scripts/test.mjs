#!/usr/bin/env node
// `npm test`: every check the project has, in one run, against the real Docker engine and a real
// Chromium. Steps: typecheck, lint, format check, build, the Electron security lint
// (Electronegativity over the built main process and preload, offline), Vitest (its three
// projects: unit and renderer, which need neither Docker nor a browser, and docker, against the
// engine), browser tests (Playwright), a short fault-injection soak. All steps run even when one fails; the last line is the
// plain tally.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const npx = (args, env = {}) =>
  spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
const failedSteps = [];
const step = (name, run) => {
  process.stdout.write(`\n=== ${name} ===\n`);
  const started = Date.now();
  const result = run();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) failedSteps.push(name);
  process.stdout.write(`=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} (${seconds} s) ===\n`);
  return result.status === 0;
};

step('typecheck', () => npx(['tsc', '-b']));
step('lint', () => npx(['eslint', '--max-warnings', '0', '.']));
step('format', () => npx(['prettier', '--check', '--log-level', 'warn', '.']));
const built = step('build', () => spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }));
if (built) {
  step('Electron security lint (electronegativity)', () =>
    spawnSync(process.execPath, [path.join(root, 'scripts', 'electronegativity.mjs')], {
      cwd: root,
      stdio: 'inherit',
    }),
  );
} else {
  failedSteps.push('Electron security lint (not run: build failed)');
}

const vitestJson = path.join(reports, 'vitest.json');
step('unit, renderer and Docker tests (vitest)', () =>
  npx(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]),
);

const playwrightJson = path.join(reports, 'playwright.json');
if (built) {
  step('browser tests (playwright)', () =>
    npx(['playwright', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
    }),
  );
} else {
  failedSteps.push('browser tests (not run: build failed)');
}

// The fault-injection soak in its short form (the full one: 100 runs, see docs/reliability.md):
// randomized runs through the built CLI with injected faults; it asserts nothing leaked, every
// run final, the volume's data kept. Restarting the Docker daemon is one of the faults only when
// DOCKWRIGHT_SOAK_RESTART_DOCKERD=1 (.ci/run sets it): on a laptop it would restart your engine.
// Last, as it may restart dockerd.
const restartDockerd = process.env.DOCKWRIGHT_SOAK_RESTART_DOCKERD === '1';
if (built) {
  step(`fault-injection soak (10 runs${restartDockerd ? ', dockerd restarts' : ''})`, () =>
    spawnSync(
      process.execPath,
      [
        path.join(root, 'scripts', 'run-ts.mjs'),
        'bench/soak.bench.ts',
        '10',
        '7',
        ...(restartDockerd ? ['--dockerd-restart'] : []),
      ],
      { cwd: root, stdio: 'inherit' },
    ),
  );
} else {
  failedSteps.push('fault-injection soak (not run: build failed)');
}

const tally = { passed: 0, failed: 0, skipped: 0 };
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  tally.passed += report.numPassedTests ?? 0;
  // Failed tests, plus test files that failed without a failed test (an import or hook error):
  // numFailedTestSuites also counts the files and describe blocks around each failed test.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
  ).length;
  tally.failed += (report.numFailedTests ?? 0) + brokenFiles;
  tally.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
if (existsSync(playwrightJson)) {
  const stats = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats ?? {};
  tally.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  tally.failed += stats.unexpected ?? 0;
  tally.skipped += stats.skipped ?? 0;
}
if (failedSteps.length > 0) process.stdout.write(`\nFailed steps: ${failedSteps.join(', ')}\n`);
process.stdout.write(`\n${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped\n`);
process.exit(failedSteps.length > 0 || tally.failed > 0 || tally.passed === 0 ? 1 : 0);
