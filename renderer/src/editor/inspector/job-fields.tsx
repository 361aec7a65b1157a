import { BackoffFields } from './backoff-fields';
import { LinesField, NumberField, Pair, Section, TextField } from './fields';
import { parseInteger } from './parse';

/** What makes a job a job: retries, a time limit, and what counts as success. */
export function JobSection() {
  return (
    <Section title="Retries and timeout" name="job">
      <Pair>
        <NumberField label="Max attempts" path={['retry', 'maxAttempts']} placeholder="1" />
        <TextField label="Timeout" path={['timeout']} placeholder="e.g. 2m" />
      </Pair>
      <BackoffFields path={['retry', 'backoff']} />
      <LinesField
        label="Success exit codes"
        path={['successExitCodes']}
        parseItem={parseInteger}
        hint="Exit codes that count as success, one a line (default 0)"
        placeholder="0"
      />
    </Section>
  );
}
