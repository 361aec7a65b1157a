import { nodePath, type K8sContext } from './context';
import { isLabelKey, isLabelValue } from './names';

/** A node's labels: those Kubernetes accepts as labels, the rest (free text, long values) as annotations. */
export function userLabels(
  ctx: K8sContext,
  id: string,
  labels: Readonly<Record<string, string>> | undefined,
): { labels: Record<string, string>; annotations: Record<string, string> } {
  const out = { labels: {} as Record<string, string>, annotations: {} as Record<string, string> };
  const moved: string[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (isLabelKey(key) && isLabelValue(value)) out.labels[key] = value;
    else if (isLabelKey(key)) {
      out.annotations[key] = value;
      moved.push(key);
    } else moved.push(key);
  }
  if (moved.length > 0) {
    ctx.note({
      code: 'LABELS',
      level: 'info',
      nodeId: id,
      field: nodePath(id, 'labels'),
      message: `Labels ${moved.join(', ')} of "${ctx.names.workload.get(id) ?? id}" are not valid Kubernetes labels: kept as annotations where the key is valid, left out otherwise.`,
    });
  }
  return out;
}
