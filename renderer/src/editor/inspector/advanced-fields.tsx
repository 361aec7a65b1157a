import { CheckboxField, LinesField, Pair, Section, TextField } from './fields';
import { GrantsField } from './grants-field';
import { KeyValueTable } from './kv-table';
import { parseIntegerOrText, type Parser } from './parse';

type Ulimits = Record<string, number | { soft: number; hard: number }>;

/** `nofile=1024:2048` or `nproc=512`, one a line. */
const parseUlimits: Parser<Ulimits> = (text) => {
  const out: Ulimits = {};
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '') continue;
    const m = /^([a-z_]+)\s*=\s*(\d+)(?::(\d+))?$/.exec(t);
    if (!m) return { ok: false, error: `"${t}" is not name=limit or name=soft:hard.` };
    out[m[1]!] = m[3] === undefined ? Number(m[2]) : { soft: Number(m[2]), hard: Number(m[3]) };
  }
  return { ok: true, value: Object.keys(out).length === 0 ? undefined : out };
};

const formatUlimits = (value: unknown) =>
  value && typeof value === 'object'
    ? Object.entries(value as Ulimits)
        .map(([name, v]) => `${name}=${typeof v === 'number' ? v : `${v.soft}:${v.hard}`}`)
        .join('\n')
    : '';

/** Everything a container takes that most topologies never set. */
export function AdvancedSection() {
  return (
    <Section title="Advanced" open={false}>
      <Pair>
        <TextField
          label="Container name"
          path={['containerName']}
          hint="Fixed container name; prevents replicas"
        />
        <TextField label="Hostname" path={['hostname']} />
      </Pair>
      <Pair>
        <TextField label="Platform" path={['platform']} placeholder="e.g. linux/amd64" />
        <TextField label="Runtime" path={['runtime']} placeholder="runc" />
      </Pair>
      <Pair>
        <TextField label="Build target" path={['build', 'target']} />
        <TextField label="Build network" path={['build', 'network']} />
      </Pair>
      <KeyValueTable label="Build args" path={['build', 'args']} noun="Build arg" nullable maskSecrets />
      <KeyValueTable label="Build labels" path={['build', 'labels']} noun="Build label" />
      <LinesField label="Cache from" path={['build', 'cacheFrom']} />
      <Pair>
        <TextField label="Stop signal" path={['stopSignal']} placeholder="SIGTERM" />
        <TextField label="Stop grace period" path={['stopGracePeriod']} placeholder="10s" />
      </Pair>
      <Pair>
        <CheckboxField label="Keep stdin open" path={['stdinOpen']} />
        <CheckboxField label="Allocate a TTY" path={['tty']} />
      </Pair>
      <Pair>
        <TextField label="PID namespace" path={['pid']} placeholder="e.g. host" />
        <TextField label="IPC namespace" path={['ipc']} placeholder="e.g. shareable" />
      </Pair>
      <TextField
        label="Shared memory size"
        path={['shmSize']}
        parse={parseIntegerOrText}
        placeholder="e.g. 64m"
      />
      <Pair>
        <LinesField label="DNS servers" path={['dns']} />
        <LinesField label="Extra hosts" path={['extraHosts']} hint="host:ip, one a line" />
      </Pair>
      <LinesField label="Devices" path={['devices']} hint="/dev/host:/dev/container, one a line" />
      <LinesField label="Security options" path={['securityOpt']} />
      <TextField
        label="Ulimits"
        path={['ulimits']}
        parse={parseUlimits}
        format={formatUlimits}
        multiline
        within
        placeholder="nofile=1024:2048"
        hint="name=limit or name=soft:hard, one a line"
      />
      <KeyValueTable label="Sysctls" path={['sysctls']} noun="Sysctl" />
      <TextField label="Logging driver" path={['logging', 'driver']} placeholder="json-file" />
      <KeyValueTable label="Logging options" path={['logging', 'options']} noun="Logging option" nullable />
      <LinesField label="Profiles" path={['profiles']} />
      <GrantsField legend="Secrets" path="secrets" noun="secret" />
      <GrantsField legend="Configs" path="configs" noun="config" />
    </Section>
  );
}
