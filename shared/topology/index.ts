export * from './model';
export { CURRENT_API_VERSION, TOPOLOGY_KIND, parseApiVersion, compareApiVersions } from './version';
export { SUPPORTED_API_VERSIONS, migrateDocument } from './migrations';
export { PROBLEM_CODES } from './problem-codes';
export { formatPath, formatProblem, hasErrors, problem, sortProblems } from './problem';
export type { PathSegment, Problem, ProblemCode, Severity } from './problem';
export { parseTopology, serializeTopology, topologyFromValue, schemaProblems } from './document';
export type { ParseTopologyResult } from './document';
export { DEFAULT_YAML_LIMITS, readYaml, YamlSource } from './yaml-source';
export type { ReadYamlResult, SourcePosition, YamlLimits } from './yaml-source';
export { stringifyYaml } from './yaml-write';
export { validate } from './validate';
export {
  CHECK_DEFAULTS,
  DEFAULT_STATUS,
  RECOVERY_DEFAULTS,
  describeCheck,
  parseStatusSpec,
  statusAccepted,
} from './health-spec';
export type { StatusRange } from './health-spec';
export { plan } from './plan';
export { withoutHandlers } from './run-handlers';
export { profilesOf, selectProfiles } from './profiles';
export type { ProfileSelection } from './profiles';
export { unsupportedFields } from './field-support';
export type { EngineCapabilities } from './field-support';
export type { DeploymentPlan, PlanResult, PlanStep, StartAction, TeardownAction, Wave } from './plan';
export { dependencyGraph, edgesOf, findCycles } from './graph';
export type { Edge } from './graph';
export * as checks from './checks';
export { topologyJsonSchema } from './json-schema';
export {
  addNode,
  defaultNode,
  isValidNodeId,
  moveNodes,
  newTopology,
  removeNodes,
  renameNode,
  replaceNode,
  uniqueNodeId,
} from './node-edits';
export type { Position } from './node-edits';
export {
  checkConnection,
  connect,
  disconnect,
  relationEdgeId,
  relationEdges,
  setDependencyCondition,
} from './relations';
export type { ConnectionCheck, Relation, RelationEdge } from './relations';
export { copyNodes, duplicateNodes, isClip, pasteNodes } from './clipboard';
export type { Clip } from './clipboard';
export { autoLayout, unplacedNodes, NODE_WIDTH, NODE_HEIGHT } from './auto-layout';
export type { AutoLayoutOptions } from './auto-layout';
