import { useId } from 'react';
import type { Mount } from '../../../../shared/topology';
import { useAppStore } from '../../store/store-context';
import { AddForm } from './add-form';
import { selectNodes } from './depends-on-field';
import { useField } from './form-context';
import { CheckboxField, NumberField, Pair, Section, SelectField, SrOnly, TextField } from './fields';
import { ListField, RemoveButton, RowProblems } from './list-field';
import { parseIntegerOrText, parseRequiredText } from './parse';

const TYPES = [
  { value: 'volume', label: 'volume' },
  { value: 'bind', label: 'bind (host path)' },
  { value: 'tmpfs', label: 'tmpfs (memory)' },
] as const;

type MountType = Mount['type'];

/** Another type keeps the target and read-only flag; a bind needs a host path, so it gets one to edit. */
export function convertMount(mount: Mount, type: MountType): Mount {
  const readOnly = 'readOnly' in mount && mount.readOnly !== undefined ? { readOnly: mount.readOnly } : {};
  const named = mount.type === 'volume' ? mount.source : undefined;
  switch (type) {
    case 'volume':
      return { type, target: mount.target, ...readOnly };
    case 'bind':
      return { type, source: `./${named ?? 'data'}`, target: mount.target, ...readOnly };
    case 'tmpfs':
      return { type, target: mount.target };
  }
}

export function MountsSection({ open }: { open: boolean }) {
  const nodes = useAppStore(selectNodes);
  const mounts = useField(['mounts']);
  const list = Array.isArray(mounts.value) ? (mounts.value as Mount[]) : [];
  const volumes = Object.keys(nodes).filter((id) => nodes[id]!.kind === 'volume');
  return (
    <Section title="Mounts" open={open}>
      <ListField
        legend="Mounts"
        hideLegend
        path={['mounts']}
        renderRow={(index, remove) => (
          <MountRow mount={list[index]!} index={index} volumes={volumes} onRemove={remove} />
        )}
        add={
          <AddForm
            button="Add mount"
            fields={[
              { name: 'type', label: 'New mount type', options: TYPES },
              { name: 'source', label: 'New mount source', placeholder: 'volume id or host path' },
              { name: 'target', label: 'New mount target', placeholder: '/path/in/container' },
            ]}
            onAdd={({ type = 'volume', source = '', target = '' }) => {
              if (target.trim() === '') return 'Enter the path inside the container.';
              let mount: Mount;
              if (type === 'bind') {
                if (source.trim() === '') return 'A bind mount needs a host path.';
                mount = { type, source, target };
              } else if (type === 'tmpfs') mount = { type, target };
              else
                mount =
                  source.trim() === '' ? { type: 'volume', target } : { type: 'volume', source, target };
              return mounts.write([...list, mount], true);
            }}
          />
        }
      />
    </Section>
  );
}

function MountRow({
  mount,
  index,
  volumes,
  onRemove,
}: {
  mount: Mount;
  index: number;
  volumes: readonly string[];
  onRemove: () => void;
}) {
  const id = useId();
  const row = useField([]);
  const which = index > 0 ? <SrOnly> (mount {index + 1})</SrOnly> : null;
  return (
    <>
      <Pair>
        <div className="insp-field">
          <label htmlFor={id} className="insp-label">
            Type{which}
          </label>
          <select
            id={id}
            className="insp-input"
            data-path={`${row.dataPath}.type`}
            value={mount.type}
            onChange={(e) => row.write(convertMount(mount, e.target.value as MountType), true)}
          >
            {TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        {mount.type === 'volume' && (
          <SelectField
            label={<>Volume{which}</>}
            path={['source']}
            options={volumes.map((value) => ({ value }))}
            emptyLabel="(anonymous)"
          />
        )}
        {mount.type === 'bind' && (
          <TextField
            label={<>Host path{which}</>}
            path={['source']}
            parse={parseRequiredText('The host path')}
          />
        )}
        {mount.type === 'tmpfs' && (
          <TextField
            label={<>Size{which}</>}
            path={['size']}
            parse={parseIntegerOrText}
            placeholder="e.g. 64m"
          />
        )}
      </Pair>
      <TextField
        label={<>Mount target{which}</>}
        path={['target']}
        parse={parseRequiredText('The target')}
        placeholder="/path/in/container"
      />
      {mount.type !== 'tmpfs' && <CheckboxField label={<>Read-only{which}</>} path={['readOnly']} />}
      {mount.type === 'volume' && (
        <Pair>
          <TextField label={<>Subpath{which}</>} path={['subpath']} />
          <CheckboxField label={<>No copy{which}</>} path={['nocopy']} />
        </Pair>
      )}
      {mount.type === 'bind' && (
        <>
          <CheckboxField label={<>Create host path{which}</>} path={['createHostPath']} defaultValue />
          <Pair>
            <TextField label={<>Propagation{which}</>} path={['propagation']} placeholder="rprivate" />
            <SelectField
              label={<>SELinux label{which}</>}
              path={['selinux']}
              options={[
                { value: 'z', label: 'z (shared)' },
                { value: 'Z', label: 'Z (private)' },
              ]}
              emptyLabel="(none)"
            />
          </Pair>
        </>
      )}
      {mount.type === 'tmpfs' && <NumberField label={<>Mode{which}</>} path={['mode']} />}
      <RowProblems />
      <RemoveButton label={`Remove mount ${index + 1}`} onClick={onRemove} />
    </>
  );
}
