import type { Port } from '../../../../shared/topology';
import { AddForm } from './add-form';
import { useField } from './form-context';
import { LinesField, Pair, SelectField, SrOnly, TextField } from './fields';
import { ListField, RemoveButton, RowProblems } from './list-field';
import { parseContainerPort, parsePublishedPort } from './parse';

const PROTOCOLS = [{ value: 'udp' }, { value: 'sctp' }] as const;

export function PortsField() {
  const ports = useField(['ports']);
  const count = Array.isArray(ports.value) ? ports.value.length : 0;
  return (
    <>
      <ListField
        legend="Ports"
        hideLegend
        path={['ports']}
        renderRow={(index, remove) => <PortRow index={index} onRemove={remove} />}
        add={
          <AddForm
            button="Add port"
            fields={[{ name: 'target', label: 'New container port', placeholder: 'e.g. 8080' }]}
            onAdd={({ target = '' }) => {
              const parsed = parseContainerPort(target);
              if (!parsed.ok) return parsed.error;
              if (parsed.value === undefined) return 'Enter the port the container listens on.';
              const port: Port = { target: parsed.value };
              return ports.write(count === 0 ? [port] : [...(ports.value as Port[]), port], true);
            }}
          />
        }
      />
      <LinesField
        label="Expose"
        path={['expose']}
        hint="Ports reachable by other containers only, one a line"
      />
    </>
  );
}

function PortRow({ index, onRemove }: { index: number; onRemove: () => void }) {
  // The first row's fields are plainly "Target", "Published"; later ones say which port they belong to.
  const which = index > 0 ? <SrOnly> (port {index + 1})</SrOnly> : null;
  return (
    <>
      <Pair>
        <TextField label={<>Container port{which}</>} path={['target']} parse={parseContainerPort} numeric />
        <TextField
          label={<>Published{which}</>}
          path={['published']}
          parse={parsePublishedPort}
          numeric
          placeholder="ephemeral"
          hint="Host port or range such as 8000-8010; empty = an ephemeral port"
        />
      </Pair>
      <Pair>
        <TextField label={<>Host IP{which}</>} path={['hostIp']} placeholder="all interfaces" />
        <SelectField label={<>Protocol{which}</>} path={['protocol']} options={PROTOCOLS} emptyLabel="tcp" />
      </Pair>
      <RowProblems />
      <RemoveButton label={`Remove port ${index + 1}`} onClick={onRemove} />
    </>
  );
}
