/*
 * The part of the Compose Specification that export writes. Field names are Compose's own
 * (snake_case); optional fields are left out rather than written empty.
 */

export type ComposeExtensions = { [key: `x-${string}`]: unknown };

export type ComposeCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface ComposeDependsOn {
  condition: ComposeCondition;
  restart?: boolean;
  required?: boolean;
}

export interface ComposeHealthcheck {
  test?: string | string[];
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
  start_interval?: string;
  disable?: boolean;
}

export interface ComposeResources {
  limits?: { cpus?: string | number; memory?: string; pids?: number };
  reservations?: { cpus?: string | number; memory?: string };
}

export interface ComposeDeploy {
  replicas?: number;
  resources?: ComposeResources;
}

export interface ComposeBuild {
  context: string;
  dockerfile?: string;
  target?: string;
  args?: Record<string, string | null>;
  labels?: Record<string, string>;
  cache_from?: string[];
  network?: string;
}

export interface ComposeVolumeMount {
  type: 'volume' | 'bind' | 'tmpfs';
  source?: string;
  target: string;
  read_only?: boolean;
  volume?: { nocopy?: boolean; subpath?: string };
  bind?: { propagation?: string; create_host_path?: boolean; selinux?: 'z' | 'Z' };
  tmpfs?: { size?: number | string; mode?: number };
}

export interface ComposeServiceNetwork {
  aliases?: string[];
  ipv4_address?: string;
  ipv6_address?: string;
  priority?: number;
}

export interface ComposeFileGrant {
  source: string;
  target?: string;
  uid?: string;
  gid?: string;
  mode?: number;
}

export interface ComposeService extends ComposeExtensions {
  image?: string;
  build?: ComposeBuild;
  pull_policy?: string;
  platform?: string;
  container_name?: string;
  hostname?: string;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | null>;
  env_file?: string[];
  user?: string;
  working_dir?: string;
  init?: boolean;
  labels?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  depends_on?: Record<string, ComposeDependsOn>;
  healthcheck?: ComposeHealthcheck;
  restart?: string;
  deploy?: ComposeDeploy;
  volumes?: (ComposeVolumeMount | string)[];
  networks?: string[] | Record<string, ComposeServiceNetwork>;
  network_mode?: string;
  secrets?: (string | ComposeFileGrant)[];
  configs?: (string | ComposeFileGrant)[];
  profiles?: string[];
  privileged?: boolean;
  cap_add?: string[];
  cap_drop?: string[];
  devices?: string[];
  pid?: string;
  ipc?: string;
  read_only?: boolean;
  security_opt?: string[];
  ulimits?: Record<string, number | { soft: number; hard: number }>;
  sysctls?: Record<string, string>;
  shm_size?: number | string;
  dns?: string[];
  extra_hosts?: string[];
  stop_signal?: string;
  stop_grace_period?: string;
  stdin_open?: boolean;
  tty?: boolean;
  runtime?: string;
  logging?: { driver?: string; options?: Record<string, string | null> };
}

export interface ComposeVolume extends ComposeExtensions {
  name?: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  external?: boolean;
  labels?: Record<string, string>;
}

export interface ComposeNetwork extends ComposeExtensions {
  name?: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  ipam?: { config: { subnet: string; gateway?: string; ip_range?: string }[] };
  internal?: boolean;
  external?: boolean;
  attachable?: boolean;
  enable_ipv6?: boolean;
  labels?: Record<string, string>;
}

export interface ComposeFileSource extends ComposeExtensions {
  name?: string;
  file?: string;
  environment?: string;
  content?: string;
  external?: boolean;
  labels?: Record<string, string>;
}

export interface ComposeFile extends ComposeExtensions {
  name?: string;
  services: Record<string, ComposeService>;
  networks?: Record<string, ComposeNetwork>;
  volumes?: Record<string, ComposeVolume>;
  secrets?: Record<string, ComposeFileSource>;
  configs?: Record<string, ComposeFileSource>;
}
