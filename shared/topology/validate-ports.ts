import { parsePortRange } from './checks';
import { problem } from './problem';
import { displayName, nodePath, type ValidationContext } from './validate-context';

interface Binding {
  readonly id: string;
  readonly index: number;
  readonly ip: string;
}

const ANY_ADDRESS = new Set(['', '0.0.0.0', '::', '[::]']);

/**
 * Two fixed host ports clash when protocol and port match and the addresses overlap (an
 * unspecified address overlaps every address). Ranges are left alone: Docker picks a free port in them.
 */
export function checkPortConflicts(ctx: ValidationContext): void {
  const byPort = new Map<string, Binding[]>();
  for (const [id, node] of ctx.entries) {
    if (node.kind !== 'service' || node.networkMode === 'host') continue;
    node.ports?.forEach((port, index) => {
      if (port.published === undefined) return;
      const range = parsePortRange(port.published);
      if (!range || range.start !== range.end) return;
      const key = `${port.protocol ?? 'tcp'}/${range.start}`;
      const ip = ANY_ADDRESS.has(port.hostIp ?? '') ? '*' : (port.hostIp ?? '*');
      const list = byPort.get(key);
      const binding = { id, index, ip };
      if (!list) {
        byPort.set(key, [binding]);
        return;
      }
      const clash = list.find((other) => other.ip === '*' || ip === '*' || other.ip === ip);
      if (clash) {
        const who = displayName(id, node);
        const otherNode = ctx.nodes[clash.id];
        const other = otherNode ? displayName(clash.id, otherNode) : clash.id;
        const where = clash.id === id ? `twice in "${who}"` : `by "${who}" and "${other}"`;
        ctx.out.push(
          problem(
            'PORT_CONFLICT',
            `Host port ${key} is published ${where}; only one can bind it.`,
            nodePath(id, 'ports', index, 'published'),
            { nodeId: id, related: [clash.id] },
          ),
        );
      }
      list.push(binding);
    });
  }
}
