import { AddForm } from './add-form';
import { useField } from './form-context';
import { CheckboxField, Pair, Section, SrOnly, TextField } from './fields';
import { KeyValueTable } from './kv-table';
import { ListField, RemoveButton, RowProblems } from './list-field';
import { parseRequiredText } from './parse';
import { ResourceNameFields } from './volume-fields';

/** The fields of a network node. */
export function NetworkNodeSection() {
  const subnets = useField(['subnets']);
  const list = Array.isArray(subnets.value) ? (subnets.value as { subnet: string }[]) : [];
  return (
    <Section title="Network">
      <TextField label="Driver" path={['driver']} placeholder="bridge" />
      <KeyValueTable label="Driver options" path={['driverOpts']} noun="Option" />
      <Pair>
        <CheckboxField label="Internal (no outside access)" path={['internal']} />
        <CheckboxField label="Attachable" path={['attachable']} />
      </Pair>
      <CheckboxField label="Enable IPv6" path={['enableIpv6']} />
      <ResourceNameFields />
      <ListField
        legend="Subnets"
        path={['subnets']}
        renderRow={(index, remove) => {
          const which = index > 0 ? <SrOnly> ({index + 1})</SrOnly> : null;
          return (
            <>
              <TextField
                label={<>Subnet{which}</>}
                path={['subnet']}
                parse={parseRequiredText('The subnet')}
              />
              <Pair>
                <TextField label={<>Gateway{which}</>} path={['gateway']} />
                <TextField label={<>IP range{which}</>} path={['ipRange']} />
              </Pair>
              <RowProblems />
              <RemoveButton label={`Remove subnet ${list[index]?.subnet ?? index + 1}`} onClick={remove} />
            </>
          );
        }}
        add={
          <AddForm
            button="Add subnet"
            fields={[{ name: 'subnet', label: 'New subnet', placeholder: 'e.g. 172.20.0.0/24' }]}
            onAdd={({ subnet = '' }) =>
              subnet.trim() === ''
                ? 'Enter a CIDR.'
                : subnets.write([...list, { subnet: subnet.trim() }], true)
            }
          />
        }
      />
    </Section>
  );
}
