import type { Topology } from '../../../../shared/topology';
import { FormProvider } from './form-context';
import { Section, TextField } from './fields';
import { KeyValueTable } from './kv-table';
import { useMetadataForm } from './node-form';
import { parseRequiredText } from './parse';

/** Nothing selected: the topology itself. */
export function ProjectInspector({
  metadata,
  nodeCount,
}: {
  metadata: Topology['metadata'];
  nodeCount: number;
}) {
  const form = useMetadataForm(metadata);
  return (
    <FormProvider form={form}>
      <div className="insp-subject">
        <span className="insp-subject__kind">Topology</span>
        <span className="insp-subject__name">
          {nodeCount} node{nodeCount === 1 ? '' : 's'}
        </span>
      </div>
      <Section title="Project">
        <TextField
          label="Project name"
          path={['name']}
          parse={parseRequiredText('A project name')}
          hint="Prefixes the Docker resources' names"
        />
        <TextField label="Description" path={['description']} multiline />
        <KeyValueTable label="Labels" path={['labels']} noun="Label" />
      </Section>
      <p className="insp-muted">Select a node or a connection to edit it.</p>
    </FormProvider>
  );
}
