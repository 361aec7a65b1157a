import { isContainer, type Dependency } from '../../../../shared/topology';
import type { AppState } from '../../store/app-store';
import { useAppStore } from '../../store/store-context';
import { ConnectSelect } from './connect-select';
import { useField } from './form-context';
import { CheckboxField, Pair, Section, SelectField, SrOnly } from './fields';
import { ListField, RemoveButton, RowProblems } from './list-field';

export const selectNodes = (s: AppState) => s.doc.spec.nodes;

export const CONDITIONS = [{ value: 'started' }, { value: 'healthy' }, { value: 'completed' }] as const;

/** The nodes this one waits for, each with its condition. */
export function DependenciesSection({ nodeId, open }: { nodeId: string; open: boolean }) {
  const nodes = useAppStore(selectNodes);
  const field = useField(['dependsOn']);
  const deps = Array.isArray(field.value) ? (field.value as Dependency[]) : [];
  const containers = Object.keys(nodes).filter((id) => id !== nodeId && isContainer(nodes[id]!));
  const candidates = containers.filter((id) => !deps.some((d) => d.node === id));
  return (
    <Section title="Dependencies" open={open}>
      <ListField
        legend="Waits for"
        path={['dependsOn']}
        renderRow={(index, remove) => (
          <DependencyRow dependency={deps[index]!} containers={containers} index={index} onRemove={remove} />
        )}
        add={<ConnectSelect label="Add dependency" nodeId={nodeId} candidates={candidates} />}
      />
    </Section>
  );
}

function DependencyRow({
  dependency,
  containers,
  index,
  onRemove,
}: {
  dependency: Dependency;
  containers: readonly string[];
  index: number;
  onRemove: () => void;
}) {
  const on = <SrOnly> ({dependency.node})</SrOnly>;
  return (
    <>
      <Pair>
        <SelectField
          label={<>Node{index > 0 ? <SrOnly> {index + 1}</SrOnly> : null}</>}
          path={['node']}
          options={containers.map((value) => ({ value }))}
          emptyLabel={null}
        />
        <SelectField label={<>Condition{on}</>} path={['condition']} options={CONDITIONS} emptyLabel={null} />
      </Pair>
      <Pair>
        <CheckboxField label={<>Required{on}</>} path={['required']} defaultValue />
        <CheckboxField label={<>Restart on update{on}</>} path={['restart']} />
      </Pair>
      <RowProblems />
      <RemoveButton label={`Remove dependency on ${dependency.node}`} onClick={onRemove} />
    </>
  );
}
