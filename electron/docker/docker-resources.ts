import { ContainerStreams } from './container-streams';
import { ContainerWaits } from './container-waits';
import { Containers } from './containers';
import { Convergence } from './converge';
import { DockerImages } from './docker-images';
import type { DockerEngine } from './docker-engine';
import { ProjectResources } from './project-resources';

/**
 * What the services use of one Docker engine, each part with one job: convergent creation,
 * container lifecycle, waits, streams, images, and a project's resources by label.
 */
export class DockerResources {
  readonly converge: Convergence;
  readonly containers: Containers;
  readonly images: DockerImages;
  readonly waits: ContainerWaits;
  /** Followed logs and stats of running containers. */
  readonly streams: ContainerStreams;
  readonly projects: ProjectResources;

  constructor(readonly engine: DockerEngine) {
    const host = engine.host.display;
    this.containers = new Containers(engine.client, host);
    this.converge = new Convergence(engine.client, this.containers, host);
    this.images = new DockerImages(engine);
    this.waits = new ContainerWaits(engine);
    this.streams = new ContainerStreams(engine);
    this.projects = new ProjectResources(engine.client, this.containers, host);
  }
}
