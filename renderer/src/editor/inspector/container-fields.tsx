import { CommandField } from './command-field';
import { CheckboxField, Pair, Section, SelectField, TextField } from './fields';

const PULL_POLICIES = ['always', 'never', 'missing', 'if_not_present', 'build', 'daily', 'weekly'].map(
  (value) => ({
    value,
  }),
);

/** Where the container's image comes from: a reference, or a build. */
export function ImageSection() {
  return (
    <Section title="Image">
      <TextField label="Image" path={['image']} placeholder="e.g. postgres:16-alpine" />
      <SelectField label="Pull policy" path={['pullPolicy']} options={PULL_POLICIES} />
      <Pair>
        <TextField label="Build context" path={['build', 'context']} placeholder="e.g. ./api" />
        <TextField label="Dockerfile" path={['build', 'dockerfile']} placeholder="Dockerfile" />
      </Pair>
    </Section>
  );
}

/** What runs in the container, and how. */
export function CommandSection() {
  return (
    <Section title="Command">
      <CommandField label="Command" path={['command']} />
      <CommandField label="Entrypoint" path={['entrypoint']} />
      <TextField label="Working directory" path={['workingDir']} placeholder="image default" />
      <CheckboxField label="Run an init process (init)" path={['init']} />
    </Section>
  );
}
