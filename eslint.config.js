// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'tty',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

const restrict = (paths, patterns) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});

const nodeOnly = [...NODE_BUILTINS, 'dockerode', 'ws', 'pino', 'sirv', 'commander'].map((name) => ({
  name,
  message: 'Node-only module: shared/ and renderer/ run in the browser too.',
}));
const electronModule = {
  name: 'electron',
  message: "Only electron/main and electron/preload may import 'electron'.",
};
const dockerodeModule = {
  name: 'dockerode',
  message: 'Only electron/docker/dockerode-client.ts imports dockerode; use the DockerClient port.',
};

/*
 * The main side's folders, each with the folders it may import (its own always). From the top:
 * the composition roots (main: Electron; cli: the CLI and web mode) and app/ (the wiring they
 * share); then the services; telemetry; the executor and the Docker adapter; common/ utilities.
 * testing/ holds test doubles and may import anything; nothing in production imports it.
 */
const BOTTOM = ['common'];
const ADAPTERS = [...BOTTOM, 'executor', 'docker'];
const INSTRUMENTED = [...ADAPTERS, 'telemetry'];
const SERVICES = [...INSTRUMENTED, 'runs', 'files', 'server'];
const ELECTRON_LAYERS = {
  common: [],
  executor: BOTTOM,
  docker: BOTTOM,
  telemetry: ADAPTERS,
  runs: INSTRUMENTED,
  files: INSTRUMENTED,
  server: INSTRUMENTED,
  // The Swarm target sits beside runs/ and builds on it (the run graph, deadlines, container plans).
  swarm: [...INSTRUMENTED, 'runs'],
  health: SERVICES,
  // Workflows: the notification outbox (beside runs/), and the scheduler, which starts runs.
  notify: INSTRUMENTED,
  schedule: [...INSTRUMENTED, 'runs'],
  app: [...SERVICES, 'health', 'swarm', 'notify', 'schedule'],
  cli: [...SERVICES, 'health', 'app', 'swarm', 'notify', 'schedule'],
  main: [...SERVICES, 'health', 'app', 'swarm', 'notify', 'schedule'],
  preload: [],
};
const ELECTRON_FOLDERS = [...Object.keys(ELECTRON_LAYERS), 'testing'];

/** Relative imports that climb into a folder `folder` may not import. */
const layerPatterns = (folder, allowed) => {
  const forbidden = ELECTRON_FOLDERS.filter((other) => other !== folder && !allowed.includes(other));
  return [
    {
      regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
      message: `electron/${folder} may import only ${allowed.length ? allowed.join(', ') : 'shared/'} (and shared/): the layers run one way (docs/architecture.md).`,
    },
  ];
};

/** Test doubles live in testing/ folders or *.fake.ts files; production code never imports them. */
const testDoubles = [
  {
    regex: '(^|/)testing(/|$)|\\.fake$',
    message: 'Test doubles (testing/, *.fake.ts) are for tests only.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      '.tsbuild/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      '**/*.d.mts',
      // scripts/run-ts.mjs's bundle of a running bench or tool script (gone when it ends).
      '**/.*.run-*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
  // Layering: shared/ is pure (no Node, no DOM-only, nothing from electron/ or renderer/).
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts', 'shared/testing/**'],
    rules: restrict(
      [electronModule, ...nodeOnly, { name: 'react', message: 'shared/ has no UI.' }],
      [
        { group: ['node:*'], message: 'shared/ is pure TypeScript: no Node APIs.' },
        {
          group: ['**/electron/**', '**/renderer/**'],
          message: 'shared/ imports nothing from electron/ or renderer/.',
        },
        ...testDoubles,
      ],
    ),
  },
  // shared/testing/: test support, pure like the rest of shared/ (the renderer's tests use it too).
  {
    files: ['shared/testing/**/*.ts'],
    rules: restrict(
      [electronModule, ...nodeOnly, { name: 'react', message: 'shared/ has no UI.' }],
      [
        { group: ['node:*'], message: 'shared/ is pure TypeScript: no Node APIs.' },
        {
          group: ['**/electron/**', '**/renderer/**'],
          message: 'shared/ imports nothing from electron/ or renderer/.',
        },
      ],
    ),
  },
  // The renderer knows the Api interface only: never Node, Electron or the main side's code.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx', 'renderer/src/testing/**'],
    rules: restrict(
      [electronModule, ...nodeOnly],
      [
        { group: ['node:*'], message: 'The renderer runs in a browser: no Node APIs.' },
        { group: ['**/electron/**'], message: 'The renderer talks to the main side through the Api only.' },
        ...testDoubles,
      ],
    ),
  },
  {
    files: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx', 'renderer/src/testing/**'],
    rules: restrict(
      [electronModule, ...nodeOnly],
      [{ group: ['**/electron/**'], message: 'The renderer talks to the main side through the Api only.' }],
    ),
  },
  // Main side: folders in layers, each importing only those below it (composition roots on top).
  // Every folder may import shared/; only electron/main and electron/preload touch Electron; only
  // the Docker adapter touches dockerode; production code never imports test doubles.
  ...Object.entries(ELECTRON_LAYERS).map(([folder, allowed]) => ({
    files: [`electron/${folder}/**/*.ts`],
    ignores: ['electron/**/*.test.ts'],
    rules: restrict(
      [
        ...(folder === 'main' || folder === 'preload' ? [] : [electronModule]),
        ...(folder === 'docker' ? [] : [dockerodeModule]),
      ],
      [
        { group: ['**/renderer/**'], message: 'electron/ never imports the renderer.' },
        ...layerPatterns(folder, allowed),
        ...testDoubles,
      ],
    ),
  })),
  {
    // Inside docker/, only the adapter imports dockerode; the rest talks to the DockerClient port.
    files: ['electron/docker/**/*.ts'],
    ignores: ['electron/docker/dockerode-client.ts', 'electron/**/*.test.ts'],
    rules: restrict(
      [electronModule, dockerodeModule],
      [
        { group: ['**/renderer/**'], message: 'electron/ never imports the renderer.' },
        ...layerPatterns('docker', ELECTRON_LAYERS.docker),
        ...testDoubles,
      ],
    ),
  },
  {
    files: ['electron/testing/**/*.ts', 'electron/**/*.test.ts'],
    rules: restrict(
      [electronModule],
      [{ group: ['**/renderer/**'], message: 'electron/ never imports the renderer.' }],
    ),
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
