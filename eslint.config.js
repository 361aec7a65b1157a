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
    ignores: ['shared/**/*.test.ts'],
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
    rules: restrict(
      [electronModule, ...nodeOnly],
      [
        { group: ['node:*'], message: 'The renderer runs in a browser: no Node APIs.' },
        { group: ['**/electron/**'], message: 'The renderer talks to the main side through the Api only.' },
      ],
    ),
  },
  // Main-side services run on plain Node; only the composition root and the preload touch Electron.
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**', 'electron/**/*.test.ts'],
    rules: restrict(
      [electronModule],
      [{ group: ['**/renderer/**'], message: 'electron/ never imports the renderer.' }],
    ),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: restrict([], [{ group: ['**/renderer/**'], message: 'electron/ never imports the renderer.' }]),
  },
  {
    files: ['renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
