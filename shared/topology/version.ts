/** The apiVersion this build writes. */
export const CURRENT_API_VERSION = 'dockwright.dev/v1alpha2';
export const API_GROUP = 'dockwright.dev';
export const TOPOLOGY_KIND = 'Topology';

export interface ParsedApiVersion {
  readonly group: string;
  readonly major: number;
  /** 0 = alpha, 1 = beta, 2 = stable (Kubernetes ordering). */
  readonly stage: number;
  readonly minor: number;
}

const STAGES: Record<string, number> = { alpha: 0, beta: 1 };

export function parseApiVersion(value: string): ParsedApiVersion | undefined {
  const match = /^([a-z0-9.-]+)\/v(\d+)(?:(alpha|beta)(\d+))?$/.exec(value);
  if (!match) return undefined;
  const [, group = '', major = '0', stage, minor = '0'] = match;
  return {
    group,
    major: Number(major),
    stage: stage === undefined ? 2 : (STAGES[stage] ?? 0),
    minor: stage === undefined ? 0 : Number(minor),
  };
}

/** Negative when a is older than b, in Kubernetes version order (v1alpha1 < v1beta1 < v1 < v2alpha1). */
export function compareApiVersions(a: ParsedApiVersion, b: ParsedApiVersion): number {
  return a.major - b.major || a.stage - b.stage || a.minor - b.minor;
}
