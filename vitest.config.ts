import { defineConfig } from 'vitest/config';

/*
 * Three projects:
 * - unit: shared/, electron/ and scripts/ on plain Node, needing neither Docker nor a browser
 *   (`npm run test:unit` runs it with the renderer project);
 * - renderer: the React app in jsdom;
 * - docker: `*.docker.test.ts`, against a real Docker engine and docker-compose
 *   (`npm run test:docker`).
 * Browser tests are Playwright's (`npm run test:e2e`). `npm test` runs all of them.
 */
const NODE_TESTS = ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts'];
const DOCKER_TESTS = '**/*.docker.test.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: NODE_TESTS,
          exclude: ['**/node_modules/**', DOCKER_TESTS],
          globalSetup: ['electron/testing/build-cli.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: 'docker',
          environment: 'node',
          include: NODE_TESTS.map((glob) => glob.replace(/\.test\.ts$/, '.docker.test.ts')),
          globalSetup: ['electron/testing/build-cli.ts', 'electron/testing/test-images-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
