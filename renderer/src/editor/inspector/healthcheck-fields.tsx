import { CommandField } from './command-field';
import { CheckboxField, NumberField, Pair, Section, TextField } from './fields';
import { Scope } from './form-context';

/** A service's healthcheck; the test is what makes one (the other fields need it first). */
export function HealthcheckSection({ open }: { open: boolean }) {
  return (
    <Section title="Healthcheck" open={open}>
      <Scope path={['healthcheck']}>
        <CommandField
          label="Test"
          path={['test']}
          hint="A shell command, or a list starting with CMD or CMD-SHELL"
        />
        <Pair>
          <TextField label="Interval" path={['interval']} placeholder="30s" />
          <TextField label="Timeout" path={['timeout']} placeholder="30s" />
        </Pair>
        <Pair>
          <NumberField label="Retries" path={['retries']} placeholder="3" />
          <TextField label="Start period" path={['startPeriod']} placeholder="0s" />
        </Pair>
        <Pair>
          <TextField label="Start interval" path={['startInterval']} placeholder="5s" />
          <CheckboxField label="Disable" path={['disable']} />
        </Pair>
      </Scope>
    </Section>
  );
}
