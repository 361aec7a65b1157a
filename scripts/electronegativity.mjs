#!/usr/bin/env node
// `npm run lint:electron`: Electronegativity (Doyensec's Electron security scanner) over the built
// main process and preload, offline. Fails when a finding above LOW is neither fixed nor in the
// reviewed list below, where each entry says why it is fine and names the code that shows it.
// Run `npm run build` first. The findings, reviewed or not, go to test-results/electronegativity.json.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { transform } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const INPUTS = ['dist/electron/main.cjs', 'dist/electron/preload.cjs'];
const REPORT = path.join(root, 'test-results', 'electronegativity.json');

/**
 * Findings looked at and kept, each with the code that makes it safe. `evidence` must match the
 * scanned file near the finding (or anywhere in it, for a global finding without a location);
 * when that code goes away, the finding counts again.
 */
const REVIEWED = [
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main.js',
    evidence: /isAllowedExternalUrl\(url\)/,
    why: 'the one shell.openExternal call is behind isAllowedExternalUrl: https pages of an allow-list of hosts (electron/main/external-links.ts, tested)',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'main.js',
    evidence: /"content-security-policy": CONTENT_SECURITY_POLICY/,
    why: 'the CSP is a response header of every app:// page (electron/main/app-protocol.ts, tested); Electronegativity only finds one in a <meta> tag or webRequest.onHeadersReceived',
  },
];

/** Checks that need the network; this run is offline by design. */
const ONLINE_CHECKS = ['availablesecurityfixesglobalcheck'];

const fail = (message) => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};

for (const input of INPUTS) {
  if (!existsSync(path.join(root, input))) fail(`${input} is missing: run \`npm run build\` first.`);
}

// Electronegativity reads only .js/.ts files (a .cjs would be skipped without a word) and its
// parser predates class private fields, so each bundle is lowered to ES2019 as a .js file first.
// Lowering keeps every call, argument and string it looks for.
const scanDir = mkdtempSync(path.join(tmpdir(), 'dw-electronegativity-'));
const scanned = new Map();
for (const input of INPUTS) {
  const source = readFileSync(path.join(root, input), 'utf8');
  const { code } = await transform(source, { loader: 'js', target: 'es2019', format: 'cjs' });
  const name = `${path.basename(input, '.cjs')}.js`;
  writeFileSync(path.join(scanDir, name), code);
  scanned.set(name, code);
}

const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
// Its translations and its "newer Electron releases" check fetch over HTTP; answer them here.
const fromPackage = createRequire(path.join(packageDir, 'dist', 'runner.js'));
const gotPath = fromPackage.resolve('got');
const offline = () => Promise.resolve({ statusCode: 404, body: '{}' });
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
const run = fromPackage('./runner.js');
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;

let result;
try {
  result = await run(
    {
      input: scanDir,
      isRelative: true,
      excludeFromScan: ONLINE_CHECKS,
      electronVersionOverride: electronVersion,
    },
    false,
  );
} finally {
  rmSync(scanDir, { recursive: true, force: true });
}

if (result.errors.length > 0) {
  fail(
    `Electronegativity could not read every file, so it did not check them:\n  ` +
      result.errors.map((error) => `${error.file}: ${error.message}`).join('\n  '),
  );
}

/** A global finding is about the whole app; it has no file ("N/A") and no location. */
const isGlobal = (issue) => issue.file.endsWith('N/A');

function reviewOf(issue) {
  const file = path.basename(issue.file);
  return REVIEWED.find((entry) => {
    if (entry.id !== issue.id) return false;
    const code = scanned.get(isGlobal(issue) ? entry.file : file);
    if (code === undefined) return false;
    if (isGlobal(issue)) return entry.evidence.test(code);
    const lines = code.split('\n');
    const near = lines.slice(Math.max(0, issue.location.line - 4), issue.location.line).join('\n');
    return entry.evidence.test(near);
  });
}

const LOW = 1;
const counts = { HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 };
let failing = 0;
const toolVersion = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
process.stdout.write(
  `Electronegativity ${toolVersion}, Electron ${electronVersion}, offline: ${INPUTS.join(', ')}\n`,
);
const findings = [];
for (const issue of result.issues) {
  const review = reviewOf(issue);
  findings.push({
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: isGlobal(issue) ? null : path.basename(issue.file),
    line: isGlobal(issue) ? null : issue.location.line,
    description: issue.description,
    reviewed: review?.why ?? null,
  });
  const where = isGlobal(issue) ? '(global)' : `${path.basename(issue.file)}:${issue.location.line}`;
  const line = `${issue.severity.name} ${issue.confidence.name} ${issue.id} ${where}`;
  if (review) {
    process.stdout.write(`  reviewed  ${line}\n            ${review.why}\n`);
    continue;
  }
  counts[issue.severity.name] += 1;
  if (issue.severity.value > LOW) failing += 1;
  process.stdout.write(`  ${issue.severity.value > LOW ? 'FAILS   ' : 'noted   '}  ${line}\n`);
}
const reviewedCount = result.issues.length - Object.values(counts).reduce((a, b) => a + b, 0);
mkdirSync(path.dirname(REPORT), { recursive: true });
writeFileSync(
  REPORT,
  `${JSON.stringify({ tool: toolVersion, electron: electronVersion, inputs: INPUTS, findings }, null, 2)}\n`,
);
process.stdout.write(
  `Findings: high ${counts.HIGH}, medium ${counts.MEDIUM}, low ${counts.LOW}, ` +
    `informational ${counts.INFORMATIONAL}; reviewed and kept ${reviewedCount}. Report: ${path.relative(root, REPORT)}\n`,
);
process.exit(failing > 0 ? 1 : 0);
