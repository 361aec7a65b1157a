import {
  sortProblems,
  unsupportedFields,
  validate,
  type EngineCapabilities,
  type Problem,
  type Topology,
} from '../../../shared/topology';

/** `validate(doc)` plus the fields the connected engine cannot apply: the store's problems. */
export function checkDocument(doc: Topology, capabilities: EngineCapabilities | null): Problem[] {
  const problems = validate(doc);
  const unsupported = capabilities ? unsupportedFields(doc, capabilities) : [];
  return unsupported.length === 0 ? problems : sortProblems([...problems, ...unsupported]);
}
