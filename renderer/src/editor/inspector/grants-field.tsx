import type { FileGrant } from '../../../../shared/topology';
import { AddForm } from './add-form';
import { useField } from './form-context';
import { NumberField, Pair, SrOnly, TextField } from './fields';
import { ListField, RemoveButton, RowProblems } from './list-field';
import { parseRequiredText } from './parse';

/** Secrets or configs granted to the container, by name of an entry of `spec.secrets`/`spec.configs`. */
export function GrantsField({
  legend,
  path,
  noun,
}: {
  legend: string;
  path: 'secrets' | 'configs';
  noun: string;
}) {
  const grants = useField([path]);
  const list = Array.isArray(grants.value) ? (grants.value as FileGrant[]) : [];
  return (
    <ListField
      legend={legend}
      path={[path]}
      renderRow={(index, remove) => {
        const which = (
          <SrOnly>
            {' '}
            ({noun} {index + 1})
          </SrOnly>
        );
        return (
          <>
            <Pair>
              <TextField
                label={<>Source{which}</>}
                path={['source']}
                parse={parseRequiredText('The source')}
              />
              <TextField label={<>File target{which}</>} path={['target']} placeholder={`/run/${path}/…`} />
            </Pair>
            <Pair>
              <TextField label={<>UID{which}</>} path={['uid']} />
              <TextField label={<>GID{which}</>} path={['gid']} />
            </Pair>
            <NumberField label={<>File mode{which}</>} path={['mode']} hint="Decimal, e.g. 292 for 0444" />
            <RowProblems />
            <RemoveButton label={`Remove ${noun} ${list[index]?.source ?? index + 1}`} onClick={remove} />
          </>
        );
      }}
      add={
        <AddForm
          button={`Add ${noun}`}
          fields={[{ name: 'source', label: `New ${noun} name` }]}
          onAdd={({ source = '' }) =>
            source.trim() === ''
              ? `Name the ${noun}.`
              : grants.write([...list, { source: source.trim() }], true)
          }
        />
      }
    />
  );
}
