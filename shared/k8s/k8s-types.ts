/*
 * The Kubernetes objects the exporter builds, typed by the `kubernetes-models` interfaces (the
 * upstream OpenAPI schemas as TypeScript). Only the types are imported here: the library's classes
 * carry ajv validators that would put Node-flavoured modules (punycode) and a large bundle into
 * shared/, so tests validate the objects with the classes instead (shared/testing/k8s-validate.ts).
 */
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

export type { IContainer } from 'kubernetes-models/v1/Container';
export type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
export type { IProbe } from 'kubernetes-models/v1/Probe';
export type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
export type { IVolume } from 'kubernetes-models/v1/Volume';
export type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
export type { IServicePort } from 'kubernetes-models/v1/ServicePort';
export type { IHostAlias } from 'kubernetes-models/v1/HostAlias';
export type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
export type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
export type {
  IDeployment,
  IStatefulSet,
  IJob,
  INetworkPolicy,
  IRole,
  IRoleBinding,
  IConfigMap,
  IPersistentVolumeClaim,
  ISecret,
  IService,
  IServiceAccount,
};

export type KubeObject =
  | IServiceAccount
  | IRole
  | IRoleBinding
  | ISecret
  | IConfigMap
  | IPersistentVolumeClaim
  | INetworkPolicy
  | IService
  | IStatefulSet
  | IDeployment
  | IJob;

export type KubeKind = KubeObject['kind'];

/** The order objects are written in: what others refer to comes first, workloads last. */
export const KIND_ORDER: readonly KubeKind[] = [
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'Secret',
  'ConfigMap',
  'PersistentVolumeClaim',
  'NetworkPolicy',
  'Service',
  'StatefulSet',
  'Deployment',
  'Job',
];

/** What the fidelity report says about one item; stable, so tools and tests can count them. */
export type K8sFidelityCode =
  | 'NAME_CHANGED'
  | 'PUBLISHED_PORT'
  | 'EXPOSE'
  | 'BIND_MOUNT'
  | 'MOUNT_OPTIONS'
  | 'VOLUME_NOT_PREFILLED'
  | 'VOLUME_SIZE'
  | 'VOLUME_DRIVER'
  | 'VOLUME_SHARED'
  | 'SECRET_PLACEHOLDER'
  | 'EXTERNAL_OBJECT'
  | 'FILE_OWNER'
  | 'BUILD_IMAGE'
  | 'PULL_POLICY'
  | 'RESTART_POLICY'
  | 'HOST_NAMESPACE'
  | 'NETWORK_MODE'
  | 'NETWORK'
  | 'NETWORK_ADDRESS'
  | 'PRIVILEGED'
  | 'SECURITY'
  | 'USER'
  | 'DEVICES'
  | 'ULIMITS'
  | 'SYSCTLS'
  | 'STOP_SIGNAL'
  | 'ENV_FILE'
  | 'ENV_UNSET'
  | 'EXTRA_HOSTS'
  | 'DNS'
  | 'WORKFLOW'
  | 'PLATFORM'
  | 'PROBES'
  | 'DEPENDENCY'
  | 'RETRY'
  | 'SUCCESS_EXIT_CODES'
  | 'RECOVERY'
  | 'RESOURCES'
  | 'LABELS'
  | 'CONTAINER_NAME'
  | 'PROFILES'
  | 'LOGGING'
  | 'RUNTIME'
  | 'INIT'
  | 'EXTENSIONS';

/** One thing Kubernetes cannot express as Dockwright does, and what the export did instead. */
export interface K8sFidelityItem {
  readonly code: K8sFidelityCode;
  /** `warning`: the cluster behaves differently; `info`: translated, worth knowing. */
  readonly level: 'warning' | 'info';
  readonly nodeId?: string;
  /** Topology field, e.g. `spec.nodes.web.ports`. */
  readonly field: string;
  /** The object it concerns, e.g. `Deployment/web`, when there is one. */
  readonly object?: string;
  readonly message: string;
  /** A command to run to finish the job by hand, e.g. `kubectl create secret …`. */
  readonly command?: string;
}

export interface K8sExportOptions {
  /** Namespace of every object (and of the RoleBinding's subject). Default `default`. */
  readonly namespace?: string;
  /** Image of the init containers that wait for dependencies: it needs `sh` and `kubectl`. */
  readonly waitImage?: string;
  /** Storage each PersistentVolumeClaim requests (Docker volumes have no size). Default `1Gi`. */
  readonly volumeSize?: string;
  /** Where relative bind-mount sources go on the node. Default `/srv/<project>`. */
  readonly hostPathBase?: string;
}

/** One object as a file of its own (the folder form of the export). */
export interface K8sFile {
  readonly name: string;
  readonly yaml: string;
}

export interface K8sExport {
  readonly objects: readonly KubeObject[];
  /** Every object in one multi-document YAML stream. */
  readonly yaml: string;
  /** The same objects, one file each, named so that `kubectl apply -f DIR` applies them in order. */
  readonly files: readonly K8sFile[];
  readonly fidelity: readonly K8sFidelityItem[];
}

export const DEFAULT_WAIT_IMAGE = 'bitnami/kubectl:latest';
export const DEFAULT_NAMESPACE = 'default';
export const DEFAULT_VOLUME_SIZE = '1Gi';
