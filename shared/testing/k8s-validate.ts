/*
 * Validates exported Kubernetes objects against the upstream OpenAPI schemas, with the
 * `kubernetes-models` classes (each has `validate()`, an ajv validator compiled from the schema).
 * Tests only: the exporter in shared/k8s uses the library's types, not these classes.
 */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { KubeObject } from '../k8s/k8s-types';

/** Throws the library's ValidationError (with every schema error in its message) when invalid. */
export function validateKubeObject(object: KubeObject): void {
  switch (object.kind) {
    case 'Deployment':
      return new Deployment(object).validate();
    case 'StatefulSet':
      return new StatefulSet(object).validate();
    case 'Job':
      return new Job(object).validate();
    case 'NetworkPolicy':
      return new NetworkPolicy(object).validate();
    case 'Role':
      return new Role(object).validate();
    case 'RoleBinding':
      return new RoleBinding(object).validate();
    case 'ConfigMap':
      return new ConfigMap(object).validate();
    case 'PersistentVolumeClaim':
      return new PersistentVolumeClaim(object).validate();
    case 'Secret':
      return new Secret(object).validate();
    case 'Service':
      return new Service(object).validate();
    case 'ServiceAccount':
      return new ServiceAccount(object).validate();
  }
}

/** Every object's schema errors, as `Kind/name: message`; empty when all validate. */
export function kubeSchemaErrors(objects: readonly KubeObject[]): string[] {
  const errors: string[] = [];
  for (const object of objects) {
    try {
      validateKubeObject(object);
    } catch (error) {
      errors.push(`${object.kind}/${object.metadata?.name ?? '?'}: ${(error as Error).message}`);
    }
  }
  return errors;
}
