import { NumberField, Pair, Section, TextField } from './fields';
import { parseNumberOrText } from './parse';

/** Limits and reservations of CPU, memory and processes. */
export function ResourcesSection({ open }: { open: boolean }) {
  return (
    <Section title="Resources" open={open}>
      <Pair>
        <TextField
          label="CPU limit"
          path={['resources', 'limits', 'cpus']}
          parse={parseNumberOrText}
          placeholder="e.g. 0.5"
        />
        <TextField label="Memory limit" path={['resources', 'limits', 'memory']} placeholder="e.g. 512M" />
      </Pair>
      <NumberField label="PIDs limit" path={['resources', 'limits', 'pids']} />
      <Pair>
        <TextField
          label="CPU reservation"
          path={['resources', 'reservations', 'cpus']}
          parse={parseNumberOrText}
          placeholder="e.g. 0.25"
        />
        <TextField
          label="Memory reservation"
          path={['resources', 'reservations', 'memory']}
          placeholder="e.g. 256M"
        />
      </Pair>
    </Section>
  );
}
