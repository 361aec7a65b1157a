import type { ReactNode } from 'react';
import { sharedNetworkMode, type NetworkAttachment } from '../../../../shared/topology';
import { useAppStore } from '../../store/store-context';
import { ConnectSelect } from './connect-select';
import { selectNodes } from './depends-on-field';
import { useField } from './form-context';
import { LinesField, NumberField, Pair, Section, SelectField, SrOnly, TextField } from './fields';
import { ListField, RemoveButton, RowProblems } from './list-field';

/** The networks a container joins (or a network mode instead). */
export function NetworkAttachmentsSection({ nodeId, open }: { nodeId: string; open: boolean }) {
  const nodes = useAppStore(selectNodes);
  const networks = useField(['networks']);
  const joined = Array.isArray(networks.value) ? (networks.value as NetworkAttachment[]) : [];
  const networkIds = Object.keys(nodes).filter((id) => nodes[id]!.kind === 'network');
  const containers = Object.keys(nodes).filter(
    (id) => id !== nodeId && (nodes[id]!.kind === 'service' || nodes[id]!.kind === 'job'),
  );
  return (
    <Section title="Networking" open={open}>
      <TextField
        label="Network mode"
        path={['networkMode']}
        placeholder="project network"
        suggestions={['host', 'none', 'bridge', ...containers.map(sharedNetworkMode)]}
        hint="host, none, bridge, service:<node> or container:<name>; excludes joining networks"
      />
      <ListField
        legend="Networks"
        path={['networks']}
        renderRow={(index, remove) => {
          const which = index > 0 ? <SrOnly> (network {index + 1})</SrOnly> : null;
          return (
            <>
              <SelectField
                label={<>Network{which}</>}
                path={['network']}
                options={networkIds.map((value) => ({ value }))}
                emptyLabel={null}
              />
              <NetworkAttachmentFields which={which} />
              <RowProblems />
              <RemoveButton label={`Leave network ${joined[index]?.network ?? index + 1}`} onClick={remove} />
            </>
          );
        }}
        add={
          <ConnectSelect
            label="Join network"
            nodeId={nodeId}
            candidates={networkIds.filter((id) => !joined.some((a) => a.network === id))}
          />
        }
      />
    </Section>
  );
}

/** How a container appears on one network; also shown for a selected network edge. */
export function NetworkAttachmentFields({ which = null }: { which?: ReactNode }) {
  return (
    <>
      <LinesField
        label={<>Aliases{which}</>}
        path={['aliases']}
        hint="Other DNS names on this network, one a line"
      />
      <Pair>
        <TextField label={<>IPv4 address{which}</>} path={['ipv4Address']} />
        <TextField label={<>IPv6 address{which}</>} path={['ipv6Address']} />
      </Pair>
      <NumberField label={<>Priority{which}</>} path={['priority']} />
    </>
  );
}
