import { autoLayout } from '../topology/auto-layout';
import type { Topology } from '../topology/model';
import { moveNodes } from '../topology/node-edits';
import { etlChain } from './etl-chain';
import { monitoring } from './monitoring';
import { SAMPLE_IMAGE } from './template-kit';
import { threeTier } from './three-tier';

export { SAMPLE_IMAGE } from './template-kit';

/** A starting point in the "New from template" gallery: data, pure, runnable with local images. */
export interface Template {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** What it shows off, for the gallery's card. */
  readonly highlights: readonly string[];
  /** The images it runs (built by `npm run template-images`). */
  readonly images: readonly string[];
  /** Its named volumes: Clean up asks before removing them. */
  readonly volumes: readonly string[];
  readonly build: () => Topology;
}

export const TEMPLATES: readonly Template[] = [
  {
    id: 'three-tier',
    title: 'Three-tier web app',
    summary: 'A proxy in front of an api in front of a db, with healthchecks and a migration job.',
    highlights: ['healthchecks', 'a migration job', 'a published port'],
    images: [SAMPLE_IMAGE],
    volumes: ['db-data'],
    build: threeTier,
  },
  {
    id: 'etl',
    title: 'ETL job chain',
    summary: 'Extract, transform and load jobs with retries, handing files over on a shared volume.',
    highlights: ['jobs in a chain', 'retries with backoff', 'a shared volume'],
    images: [SAMPLE_IMAGE],
    volumes: ['work'],
    build: etlChain,
  },
  {
    id: 'monitoring',
    title: 'Monitoring stack',
    summary: 'A service exposing metrics, a scraper polling them, and a dashboard drawing them.',
    highlights: ['/metrics', 'a scraper loop', 'a dashboard page'],
    images: [SAMPLE_IMAGE],
    volumes: ['tsdb'],
    build: monitoring,
  },
];

export function findTemplate(id: string): Template | undefined {
  return TEMPLATES.find((template) => template.id === id);
}

/** A template as a new document: every node placed by the automatic layout. */
export function templateDocument(template: Template): Topology {
  const topology = template.build();
  return moveNodes(topology, autoLayout(topology));
}
