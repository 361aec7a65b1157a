import { Scope } from './form-context';
import { Pair, TextField } from './fields';
import { parseDecimal } from './parse';
import type { Path } from './paths';

/** A backoff (jobs' retries, services' recovery): the first delay is what makes one. */
export function BackoffFields({ path }: { path: Path }) {
  return (
    <Scope path={path}>
      <Pair>
        <TextField label="Initial delay" path={['initial']} placeholder="e.g. 1s" />
        <TextField label="Max delay" path={['max']} placeholder="e.g. 30s" />
      </Pair>
      <Pair>
        <TextField label="Multiplier" path={['multiplier']} parse={parseDecimal} numeric placeholder="2" />
        <TextField label="Jitter" path={['jitter']} parse={parseDecimal} numeric placeholder="0..1" />
      </Pair>
    </Scope>
  );
}
