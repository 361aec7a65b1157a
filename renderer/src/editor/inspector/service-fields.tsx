import { BackoffFields } from './backoff-fields';
import { CheckboxField, NumberField, Pair, Section, SelectField, TextField } from './fields';

const RESTART = [
  { value: 'no' },
  { value: 'always' },
  { value: 'unless-stopped' },
  { value: 'on-failure' },
] as const;

/** How many, and what happens when a service stops or turns unhealthy. */
export function ServiceRunSection({ open }: { open: boolean }) {
  return (
    <Section title="Replicas and recovery" name="recovery" open={open}>
      <Pair>
        <NumberField label="Replicas" path={['replicas']} placeholder="1" />
        <SelectField label="Restart" path={['restart']} options={RESTART} emptyLabel="(default: no)" />
      </Pair>
      <CheckboxField label="Restart when unhealthy" path={['recovery', 'restartUnhealthy']} />
      <NumberField label="Max restarts" path={['recovery', 'maxRestarts']} />
      <BackoffFields path={['recovery', 'backoff']} />
      <Pair>
        <NumberField label="Failure threshold" path={['recovery', 'circuitBreaker', 'failureThreshold']} />
        <TextField
          label="Reset after"
          path={['recovery', 'circuitBreaker', 'resetAfter']}
          placeholder="e.g. 1m"
        />
      </Pair>
    </Section>
  );
}
