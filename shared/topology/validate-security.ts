import { isContainer } from './model';
import { problem } from './problem';
import { displayName, nodePath, type ValidationContext } from './validate-context';

const HOME = String.raw`(?:~[^/]*|\$HOME|\$\{HOME\}|/home/[^/]+|/Users/[^/]+|/root)`;
const SENSITIVE: readonly (readonly [RegExp, string])[] = [
  [/^\/$/, 'the host root filesystem'],
  [/(^|\/)docker\.sock$/, 'the Docker socket, which gives root on the host'],
  [/^\/(etc|boot|proc|sys|dev)(\/|$)/, 'a host system directory'],
  [/^\/var\/lib\/docker(\/|$)/, "Docker's own data"],
  [
    new RegExp(`^${HOME}/\\.(ssh|aws|docker|kube|gnupg|config/gcloud)(/|$)`),
    'credentials in a home directory',
  ],
  [new RegExp(`^(${HOME}|/home|/Users)$`), 'a home directory'],
];

function sensitiveReason(source: string): string | undefined {
  const normalized = source.length > 1 ? source.replace(/\/+/g, '/').replace(/\/$/, '') : source;
  return SENSITIVE.find(([pattern]) => pattern.test(normalized))?.[1];
}

/** Warnings, not errors: each is sometimes what the user means, never something to do unknowingly. */
export function checkSecurity(ctx: ValidationContext): void {
  for (const [id, node] of ctx.entries) {
    if (!isContainer(node)) continue;
    const who = `"${displayName(id, node)}"`;
    if (node.privileged === true) {
      ctx.out.push(
        problem(
          'SECURITY_PRIVILEGED',
          `${who} runs privileged: it can do anything the host's root can.`,
          nodePath(id, 'privileged'),
          { nodeId: id },
        ),
      );
    }
    node.mounts?.forEach((mount, i) => {
      if (mount.type !== 'bind') return;
      const reason = sensitiveReason(mount.source);
      if (reason !== undefined) {
        const access = mount.readOnly === true ? 'read-only' : 'read-write';
        ctx.out.push(
          problem(
            'SECURITY_SENSITIVE_MOUNT',
            `${who} mounts "${mount.source}" (${reason}) ${access}.`,
            nodePath(id, 'mounts', i, 'source'),
            { nodeId: id },
          ),
        );
      }
    });
    if (node.networkMode === 'host') {
      ctx.out.push(
        problem(
          'SECURITY_HOST_NETWORK',
          `${who} shares the host's network stack: it can bind any host port and reach services on localhost.`,
          nodePath(id, 'networkMode'),
          { nodeId: id },
        ),
      );
    }
    if (node.pid === 'host') {
      ctx.out.push(
        problem(
          'SECURITY_HOST_PID',
          `${who} shares the host's process namespace: it sees and can signal every host process.`,
          nodePath(id, 'pid'),
          { nodeId: id },
        ),
      );
    }
    if (node.ipc === 'host') {
      ctx.out.push(
        problem('SECURITY_HOST_IPC', `${who} shares the host's IPC namespace.`, nodePath(id, 'ipc'), {
          nodeId: id,
        }),
      );
    }
    node.capAdd?.forEach((cap, i) => {
      const broad = /^(CAP_)?(ALL|SYS_ADMIN)$/i.test(cap) ? ', which amounts to root on the host' : '';
      ctx.out.push(
        problem('SECURITY_CAP_ADD', `${who} adds capability ${cap}${broad}.`, nodePath(id, 'capAdd', i), {
          nodeId: id,
        }),
      );
    });
    node.devices?.forEach((device, i) => {
      ctx.out.push(
        problem(
          'SECURITY_DEVICE',
          `${who} gets direct access to host device "${device.split(':')[0] ?? device}".`,
          nodePath(id, 'devices', i),
          { nodeId: id },
        ),
      );
    });
  }
}
