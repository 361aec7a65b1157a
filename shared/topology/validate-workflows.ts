import { scheduleProblem } from './cron';
import { problem } from './problem';
import { displayName, nodePath, type ValidationContext } from './validate-context';

/** Job schedules (cron, time zone) and notification targets (http(s) URLs without credentials). */
export function checkWorkflows(ctx: ValidationContext): void {
  for (const [id, node] of ctx.entries) {
    if (node.kind !== 'job' || node.schedule === undefined) continue;
    const wrong = scheduleProblem(node.schedule);
    if (wrong) {
      ctx.out.push(
        problem(
          'SCHEDULE_INVALID',
          `The schedule of "${displayName(id, node)}": ${wrong}.`,
          nodePath(id, 'schedule'),
          {
            nodeId: id,
          },
        ),
      );
    }
  }
  ctx.topology.spec.notifications?.forEach((target, i) => {
    const wrong = notificationUrlProblem(target.url);
    if (wrong) ctx.out.push(problem('NOTIFY_URL_INVALID', wrong, ['spec', 'notifications', i, 'url']));
  });
}

/** Why a webhook URL cannot be used, or undefined: only http(s), with no user or password in it. */
export function notificationUrlProblem(url: string): string | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return `"${url}" is not a URL.`;
  if (scheme !== 'http' && scheme !== 'https')
    return `A notification URL must be http or https, not ${scheme}.`;
  const authority = /^https?:\/\/([^/?#]*)/i.exec(url)?.[1];
  if (!authority || /\s/.test(url)) return `"${url}" is not a URL.`;
  if (authority.includes('@'))
    return 'A notification URL may not carry a user or password: Dockwright sends no credentials.';
  return undefined;
}
