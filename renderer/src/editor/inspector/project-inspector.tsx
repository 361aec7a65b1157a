import type { Topology } from '../../../../shared/topology';
import { FormProvider } from './form-context';
import { Section, TextField } from './fields';
import { KeyValueTable } from './kv-table';
import { useMetadataForm, useSpecForm } from './node-form';
import { HandlersSection, NotificationsSection } from './workflow-fields';
import { parseRequiredText } from './parse';

/** Nothing selected: the topology itself. */
export function ProjectInspector({
  metadata,
  spec,
}: {
  metadata: Topology['metadata'];
  spec: Topology['spec'];
}) {
  const form = useMetadataForm(metadata);
  const specForm = useSpecForm(spec);
  const nodeCount = Object.keys(spec.nodes).length;
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
      <FormProvider form={specForm}>
        <HandlersSection nodes={spec.nodes} open={spec.handlers !== undefined} />
        <NotificationsSection open={spec.notifications !== undefined} />
      </FormProvider>
      <p className="insp-muted">Select a node or a connection to edit it.</p>
    </FormProvider>
  );
}
