import type { Topology } from './model';
import { sortProblems, type Problem } from './problem';
import { createContext } from './validate-context';
import { checkFields } from './validate-fields';
import { checkHealth } from './validate-health';
import { checkNames } from './validate-names';
import { checkPortConflicts } from './validate-ports';
import { checkReferences } from './validate-references';
import { checkSecurity } from './validate-security';
import { checkWorkflows } from './validate-workflows';
import { checkHandlers } from './validate-handlers';

/**
 * Every problem of a topology that the schema alone cannot see. Pure and linear in the size of the
 * topology (each check indexes once, then looks up), so the editor can run it on every change.
 */
export function validate(topology: Topology): Problem[] {
  const ctx = createContext(topology);
  checkNames(ctx);
  checkReferences(ctx);
  checkFields(ctx);
  checkHealth(ctx);
  checkPortConflicts(ctx);
  checkSecurity(ctx);
  checkWorkflows(ctx);
  checkHandlers(ctx);
  return sortProblems(ctx.out);
}
