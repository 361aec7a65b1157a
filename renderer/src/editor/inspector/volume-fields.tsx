import { CheckboxField, Section, TextField } from './fields';
import { KeyValueTable } from './kv-table';

/** Shared by volumes and networks: who creates it, and under which name. */
export function ResourceNameFields() {
  return (
    <>
      <CheckboxField label="External (created outside Dockwright)" path={['external']} />
      <TextField
        label="Exact resource name"
        path={['dockerName']}
        hint="The exact Docker name, not prefixed with the project"
      />
    </>
  );
}

export function VolumeSection() {
  return (
    <Section title="Volume">
      <TextField label="Driver" path={['driver']} placeholder="local" />
      <KeyValueTable label="Driver options" path={['driverOpts']} noun="Option" />
      <ResourceNameFields />
    </Section>
  );
}
