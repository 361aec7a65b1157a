/**
 * Every problem code with its default severity and a one-line summary. Codes are stable: tools and
 * tests match on them, so a code is never renamed or reused for another meaning.
 */
export const PROBLEM_CODES = {
  // Reading a document
  INPUT_TOO_LARGE: { severity: 'error', summary: 'The document is larger than the size limit.' },
  INPUT_BINARY: { severity: 'error', summary: 'The document is not text (NUL or control bytes).' },
  INPUT_TOO_DEEP: { severity: 'error', summary: 'The document nests deeper than the limit.' },
  YAML_ALIAS_LIMIT: { severity: 'error', summary: 'Too many alias expansions (a YAML "billion laughs").' },
  YAML_DUPLICATE_KEY: { severity: 'error', summary: 'A mapping has the same key twice.' },
  YAML_SYNTAX: { severity: 'error', summary: 'The text is not valid YAML.' },
  DOCUMENT_UNKNOWN: { severity: 'error', summary: 'Neither a Dockwright topology nor a Compose file.' },
  API_VERSION_NEWER: { severity: 'error', summary: 'Written by a newer Dockwright; refused.' },
  API_VERSION_UNKNOWN: { severity: 'error', summary: 'apiVersion is not one Dockwright knows.' },
  API_VERSION_MIGRATED: { severity: 'info', summary: 'An older apiVersion was migrated on load.' },
  SCHEMA_INVALID: { severity: 'error', summary: 'A field has the wrong type or an unknown key.' },
  // Structure and references
  DEPENDENCY_CYCLE: { severity: 'error', summary: 'Dependencies form a cycle (the path is given).' },
  DEPENDENCY_MISSING: { severity: 'error', summary: 'A dependency names a node that does not exist.' },
  DEPENDENCY_NOT_CONTAINER: { severity: 'error', summary: 'A dependency names a volume or network.' },
  DEPENDENCY_DUPLICATE: { severity: 'warning', summary: 'The same dependency is listed twice.' },
  DEPENDENCY_HEALTHY_NO_HEALTHCHECK: {
    severity: 'warning',
    summary: 'Waits for `healthy` on a node without a healthcheck (error for jobs).',
  },
  DEPENDENCY_COMPLETED_ON_SERVICE: {
    severity: 'error',
    summary: 'Waits for a service to complete; services run until stopped.',
  },
  DEPENDENCY_JOB_NOT_COMPLETED: {
    severity: 'info',
    summary: 'Waits for a job with `started`/`healthy`; Dockwright waits for its completion.',
  },
  NAME_DUPLICATE: { severity: 'error', summary: 'Two nodes of the same family share a name.' },
  NAME_INVALID: { severity: 'error', summary: 'Not a valid Docker name.' },
  NAME_DECEPTIVE: {
    severity: 'error',
    summary: 'A name holds control, bidirectional or zero-width characters that make it read as another.',
  },
  NAME_RESERVED: {
    severity: 'error',
    summary: 'A name or key is `__proto__`, `constructor` or `prototype`, which JavaScript objects reserve.',
  },
  NAME_NOT_DNS: {
    severity: 'warning',
    summary: 'Valid for Docker, but not a DNS label other containers resolve.',
  },
  PROJECT_NAME_INVALID: {
    severity: 'error',
    summary: 'The project name is not a valid Compose project name.',
  },
  CONTAINER_NAME_DUPLICATE: { severity: 'error', summary: 'Two containers share a fixed container name.' },
  NETWORK_UNKNOWN: { severity: 'error', summary: 'Joins a network that is not a network node.' },
  NETWORK_MODE_CONFLICT: { severity: 'error', summary: '`networkMode` together with `networks`.' },
  NETWORK_MODE_INVALID: { severity: 'error', summary: '`networkMode` is not one Docker accepts.' },
  VOLUME_UNKNOWN: { severity: 'error', summary: 'Mounts a volume that is not a volume node.' },
  SECRET_UNKNOWN: { severity: 'error', summary: 'Uses a secret not defined in `spec.secrets`.' },
  CONFIG_UNKNOWN: { severity: 'error', summary: 'Uses a config not defined in `spec.configs`.' },
  SOURCE_INVALID: { severity: 'error', summary: 'A secret/config needs exactly one source.' },
  LAYOUT_UNKNOWN_NODE: { severity: 'warning', summary: 'The layout places a node that does not exist.' },
  // Fields
  UNSUPPORTED_FIELD: {
    severity: 'error',
    summary: 'A field the target engine cannot apply; the run is refused rather than the field dropped.',
  },
  PROFILE_DEPENDENCY_DISABLED: {
    severity: 'error',
    summary: 'A node of the active profiles requires a node whose profiles are not active.',
  },
  PATH_MISSING: {
    severity: 'error',
    summary: 'A file or folder the topology names (env file, secret, config, bind source) does not exist.',
  },
  PATH_RELATIVE_WITHOUT_FOLDER: {
    severity: 'error',
    summary: 'A relative path, but the topology has no folder to resolve it against (save it first).',
  },
  BIND_SOURCE_CREATED: {
    severity: 'warning',
    summary: 'A missing bind source folder is created (as Compose does for the short syntax).',
  },
  BIND_SOURCE_REMOTE: {
    severity: 'warning',
    summary: 'On a remote engine a bind source is a path on that engine’s host: not checked or created here.',
  },
  IMAGE_MISSING: { severity: 'error', summary: 'A service or job has neither `image` nor `build`.' },
  IMAGE_INVALID: { severity: 'error', summary: 'Not a valid image reference.' },
  DURATION_INVALID: { severity: 'error', summary: 'Not a duration such as `10s` or `1m30s`.' },
  PORT_INVALID: { severity: 'error', summary: 'A port is outside 1-65535 or a range is reversed.' },
  PORT_CONFLICT: { severity: 'error', summary: 'Two containers publish the same host port.' },
  REPLICAS_FIXED_HOST_PORT: { severity: 'error', summary: 'Replicas would all bind one fixed host port.' },
  REPLICAS_CONTAINER_NAME: { severity: 'error', summary: 'Replicas cannot share a fixed container name.' },
  REPLICAS_INVALID: { severity: 'error', summary: 'Replicas is negative.' },
  MOUNT_TARGET_RELATIVE: { severity: 'error', summary: 'A mount target is not an absolute path.' },
  MOUNT_TARGET_DUPLICATE: { severity: 'error', summary: 'Two mounts share a target path.' },
  SUBNET_INVALID: { severity: 'error', summary: 'Not a CIDR subnet.' },
  EXTERNAL_WITH_OPTIONS: {
    severity: 'warning',
    summary: 'An external volume/network sets options that are ignored.',
  },
  PORTS_IGNORED_HOST_NETWORK: {
    severity: 'warning',
    summary: 'Published ports do nothing with host networking.',
  },
  RETRY_INVALID: { severity: 'error', summary: 'A retry/backoff policy is out of range.' },
  // Health and recovery
  HEALTH_CHECK_INVALID: {
    severity: 'error',
    summary: 'A health check has a bad port, status, body pattern, command or retry count.',
  },
  HEALTH_CHECK_NO_ENGINE: {
    severity: 'warning',
    summary:
      'An `engine` check on a service whose healthcheck is missing or disabled (unless the image has one).',
  },
  HEALTH_CHECK_UNREACHABLE: {
    severity: 'warning',
    summary: 'An HTTP or TCP check on a service without a network (`networkMode: none`).',
  },
  RECOVERY_INVALID: { severity: 'error', summary: 'A recovery policy is out of range.' },
  // Workflows
  SCHEDULE_INVALID: { severity: 'error', summary: "A job's cron schedule or time zone cannot be read." },
  NOTIFY_URL_INVALID: {
    severity: 'error',
    summary: 'A notification URL that is not http(s), or carries a user or password.',
  },
  HANDLER_UNKNOWN: { severity: 'error', summary: 'A run handler names a node that does not exist.' },
  HANDLER_NOT_JOB: { severity: 'error', summary: 'A run handler names a node that is not a job.' },
  HANDLER_IN_GRAPH: {
    severity: 'error',
    summary: 'A node waits for a handler, or a handler waits for a service or job.',
  },
  // Security
  SECURITY_PRIVILEGED: { severity: 'warning', summary: 'Runs privileged: full access to the host.' },
  SECURITY_SENSITIVE_MOUNT: {
    severity: 'warning',
    summary: 'Binds a sensitive host path (/, /etc, the Docker socket, a home).',
  },
  SECURITY_HOST_NETWORK: { severity: 'warning', summary: "Shares the host's network namespace." },
  SECURITY_HOST_PID: { severity: 'warning', summary: "Shares the host's PID namespace." },
  SECURITY_HOST_IPC: { severity: 'warning', summary: "Shares the host's IPC namespace." },
  SECURITY_CAP_ADD: { severity: 'warning', summary: 'Adds Linux capabilities.' },
  SECURITY_DEVICE: { severity: 'warning', summary: 'Maps a host device into the container.' },
  // Compose import
  COMPOSE_UNSUPPORTED: {
    severity: 'warning',
    summary: 'A Compose field Dockwright cannot represent; not imported.',
  },
  COMPOSE_CONVERTED: { severity: 'info', summary: 'A Compose field was converted to an equivalent form.' },
  COMPOSE_VARIABLE_UNSET: {
    severity: 'warning',
    summary: 'An interpolated variable is not set; blank used.',
  },
  COMPOSE_VARIABLE_REQUIRED: { severity: 'error', summary: 'A `${VAR:?msg}` variable is not set.' },
  COMPOSE_INVALID: { severity: 'error', summary: 'The Compose file is malformed at this point.' },
  COMPOSE_EXTENDS: { severity: 'error', summary: '`extends` names a missing service or forms a cycle.' },
  COMPOSE_SECRET_INTERPOLATED: {
    severity: 'warning',
    summary: 'A secret-looking variable was interpolated at import into a field that keeps no `${VAR}`.',
  },
  BUILD_CONTEXT_OUTSIDE: {
    severity: 'error',
    summary: "A build context outside the topology's folder; refused unless allowed.",
  },
} as const satisfies Record<string, { severity: 'error' | 'warning' | 'info'; summary: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;
