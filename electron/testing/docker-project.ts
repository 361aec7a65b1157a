import { randomBytes } from 'node:crypto';
import { DockerEngine } from '../docker/docker-engine';
import { DockerResources } from '../docker/docker-resources';
import { silentLogger } from '../common/logger';

/** A unique project name per test, so parallel test files never touch each other's resources. */
export function testProjectName(prefix = 'dwtest'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** An engine and resources handle for tests, against the real engine. */
export function testDocker() {
  const engine = new DockerEngine({ logger: silentLogger });
  const resources = new DockerResources(engine);
  return {
    engine,
    resources,
    /** Everything labeled with the project, for "nothing is left behind" assertions. */
    async leftovers(project: string): Promise<number> {
      const left = await resources.projects.list(project);
      return left.containers.length + left.networks.length + left.volumes.length;
    },
    dispose: () => engine.dispose(),
  };
}
