export { exportKubernetes } from './export';
export type {
  K8sExport,
  K8sExportOptions,
  K8sFidelityCode,
  K8sFidelityItem,
  K8sFile,
  KubeKind,
  KubeObject,
} from './k8s-types';
export { DEFAULT_NAMESPACE, DEFAULT_VOLUME_SIZE, DEFAULT_WAIT_IMAGE } from './k8s-types';
