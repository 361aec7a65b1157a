import { useId } from 'react';
import { isContainer, type TopologyNode } from '../../../../shared/topology';
import { AdvancedSection } from './advanced-fields';
import { CommandSection, ImageSection } from './container-fields';
import { DependenciesSection } from './depends-on-field';
import { EnvTable } from './env-table';
import { FieldMessages, Section } from './fields';
import { FormProvider, useField } from './form-context';
import { GeneralSection, type OnRenamed } from './general-fields';
import { HealthcheckSection } from './healthcheck-fields';
import { JobSection } from './job-fields';
import { MountsSection } from './mounts-field';
import { NetworkNodeSection } from './network-node-fields';
import { NetworkAttachmentsSection } from './network-attachments-field';
import { useNodeForm } from './node-form';
import { PortsField } from './ports-field';
import { ResourcesSection } from './resources-fields';
import { ScheduleSection } from './schedule-field';
import { SecuritySection } from './security-fields';
import { ServiceRunSection } from './service-fields';
import { VolumeSection } from './volume-fields';
import { NodeRunDetails } from '../../run/node-run-details';

const KIND_LABEL = { service: 'Service', job: 'Job', volume: 'Volume', network: 'Network' } as const;

interface Props {
  nodeId: string;
  node: TopologyNode;
  onRenamed: OnRenamed;
}

/** Whether the node sets any of these fields: such a section starts open, the others folded. */
function sets(node: TopologyNode, ...keys: string[]): boolean {
  return keys.some((key) => (node as Record<string, unknown>)[key] !== undefined);
}

/** Every field of the selected node's kind. */
export function NodeInspector({ nodeId, node, onRenamed }: Props) {
  const form = useNodeForm(nodeId, node);
  return (
    <FormProvider form={form}>
      <div className={`insp-subject insp-subject--${node.kind}`}>
        <span className="insp-subject__kind">{KIND_LABEL[node.kind]}</span>
        <span className="insp-subject__name">{node.name ?? nodeId}</span>
      </div>
      <NodeProblems />
      <NodeRunDetails nodeId={nodeId} />
      <GeneralSection nodeId={nodeId} onRenamed={onRenamed} />
      {isContainer(node) ? (
        <>
          <ImageSection />
          <CommandSection />
          <Section title="Environment">
            <EnvTable />
          </Section>
          {node.kind === 'service' ? (
            <>
              <Section title="Ports">
                <PortsField />
              </Section>
              <HealthcheckSection open={sets(node, 'healthcheck')} />
              <ServiceRunSection open={sets(node, 'replicas', 'restart', 'recovery')} />
            </>
          ) : (
            <>
              <JobSection />
              <ScheduleSection nodeId={nodeId} open={sets(node, 'schedule')} />
            </>
          )}
          <DependenciesSection nodeId={nodeId} open={sets(node, 'dependsOn')} />
          <MountsSection open={sets(node, 'mounts')} />
          <NetworkAttachmentsSection nodeId={nodeId} open={sets(node, 'networks', 'networkMode')} />
          <ResourcesSection open={sets(node, 'resources')} />
          <SecuritySection open={sets(node, 'user', 'privileged', 'readOnly', 'capAdd', 'capDrop')} />
          <AdvancedSection />
        </>
      ) : node.kind === 'volume' ? (
        <VolumeSection />
      ) : (
        <NetworkNodeSection />
      )}
    </FormProvider>
  );
}

/** Problems about the node as a whole, which no single field fixes. */
function NodeProblems() {
  const id = useId();
  const field = useField([]);
  return <FieldMessages id={id} error={null} problems={field.problems} />;
}
