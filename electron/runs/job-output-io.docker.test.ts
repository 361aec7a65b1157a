import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../common/logger';
import { DockerEngine } from '../docker/docker-engine';
import { DockerResources } from '../docker/docker-resources';
import { LABELS, resourceName } from '../docker/labels';
import { countingCalls } from '../testing/counting-calls';
import { testProjectName } from '../testing/docker-project';
import { BUSYBOX_IMAGE } from '../testing/test-images';
import { collectOutputs, resetOutputs } from './job-output-io';
import { OUTPUT_PATH } from './job-outputs';

// Counts the engine calls the output collection makes (the archive GET is the slow one).
const calls: string[] = [];
const engine = new DockerEngine({ logger: silentLogger, decorate: countingCalls(calls) });
const resources = new DockerResources(engine);
const projects: string[] = [];

afterEach(async () => {
  for (const project of projects.splice(0))
    await resources.projects.cleanup(project, { stopTimeoutSeconds: 1, volumes: true });
});
afterAll(() => engine.dispose());

/** A job's container run to its end with an empty output file put in first, as a run does. */
async function jobThatRan(script: string): Promise<string> {
  const project = testProjectName('dwtest-out');
  projects.push(project);
  const made = await resources.converge.ensureContainer(
    resourceName(project, 'job'),
    { Image: BUSYBOX_IMAGE, Cmd: ['sh', '-c', script], Env: [`DOCKWRIGHT_OUTPUT=${OUTPUT_PATH}`] },
    { [LABELS.project]: project, [LABELS.node]: 'job', [LABELS.run]: 'run-1', [LABELS.wave]: '0' },
  );
  await resetOutputs(resources.containers, made.id);
  await engine.client.startContainer(made.id);
  expect((await engine.client.waitContainer(made.id)).StatusCode).toBe(0);
  return made.id;
}

describe("a job's outputs, read out of its stopped container", () => {
  it('are none, told by the size alone, when the job left the file empty (no archive is made)', async () => {
    const id = await jobThatRan('echo working');
    calls.length = 0;
    expect(await collectOutputs(resources.containers, 'job', id)).toEqual({});
    expect(calls).toEqual(['statPath']);
  });

  it('are read when the job wrote some', async () => {
    const id = await jobThatRan(
      'echo "TOKEN=abc" >> "$DOCKWRIGHT_OUTPUT"; echo "N=2" >> "$DOCKWRIGHT_OUTPUT"',
    );
    calls.length = 0;
    expect(await collectOutputs(resources.containers, 'job', id)).toEqual({ TOKEN: 'abc', N: '2' });
    expect(calls).toEqual(['statPath', 'getArchive']);
  });

  it('are none when the job removed the file, and the size says what a plain file holds', async () => {
    const removed = await jobThatRan('rm -f "$DOCKWRIGHT_OUTPUT"');
    expect(await collectOutputs(resources.containers, 'job', removed)).toEqual({});
    const wrote = await jobThatRan('printf "A=12345" > "$DOCKWRIGHT_OUTPUT"');
    expect(await resources.containers.statFile(wrote, OUTPUT_PATH)).toEqual({ size: 7, regular: true });
    expect(await resources.containers.statFile(wrote, '/nothing/here')).toBe('missing');
    expect(await resources.containers.statFile(wrote, '/bin')).toMatchObject({ regular: false });
  });
});
