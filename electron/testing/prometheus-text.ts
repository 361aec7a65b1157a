/** One sample of the Prometheus text format. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?[ \t]+(\S+)(?:[ \t]+-?\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<string, string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

/** As Prometheus reads values (Go's ParseFloat): NaN and Inf in any case. */
function parseValue(text: string, line: number): number {
  const lower = text.toLowerCase();
  if (lower === '+inf' || lower === 'inf') return Number.POSITIVE_INFINITY;
  if (lower === '-inf') return Number.NEGATIVE_INFINITY;
  if (lower === 'nan') return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text))
    throw new Error(`line ${line}: bad value "${text}"`);
  return Number(text);
}

function parseLabels(text: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const start = LABEL.lastIndex;
    const match = LABEL.exec(text);
    if (!match || match.index !== start) throw new Error(`line ${line}: bad labels "${text}"`);
    const [, key, raw] = match;
    if (key! in labels) throw new Error(`line ${line}: label ${key} twice`);
    labels[key!] = raw!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

/**
 * Parses the Prometheus text exposition format strictly: HELP and TYPE lines well formed, one
 * TYPE per family before its samples, every sample of a declared family (with the histogram and
 * summary suffixes), counters named `_total`, label syntax and values valid. Throws on the first
 * violation, saying where.
 */
export function parsePrometheusText(text: string): { samples: PromSample[]; types: Map<string, string> } {
  const types = new Map<string, string>();
  const samples: PromSample[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    if (raw.startsWith('#')) {
      const meta = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(raw);
      if (!meta) return; // a plain comment
      const [, kind, name, rest] = meta;
      if (!NAME.test(name!)) throw new Error(`line ${line}: bad metric name "${name}"`);
      if (kind === 'TYPE') {
        if (!TYPES.has(rest ?? '')) throw new Error(`line ${line}: bad type "${rest}"`);
        if (types.has(name!)) throw new Error(`line ${line}: second TYPE for ${name}`);
        if (rest === 'counter' && !name!.endsWith('_total'))
          throw new Error(`line ${line}: counter ${name} lacks _total`);
        types.set(name!, rest!);
      }
      return;
    }
    const match = SAMPLE.exec(raw);
    if (!match) throw new Error(`line ${line}: not a sample: "${raw}"`);
    const [, name, labelText, valueText] = match;
    const family = [...types.keys()].find((family) =>
      (SUFFIXES[types.get(family)!] ?? ['']).some((suffix) => name === family + suffix),
    );
    if (!family) throw new Error(`line ${line}: sample ${name} of no declared family`);
    samples.push({
      name: name!,
      labels: labelText ? parseLabels(labelText, line) : {},
      value: parseValue(valueText!, line),
    });
  });
  return { samples, types };
}

/** The value of a sample with exactly these labels among its own (others may be present), or 0. */
export function sampleValue(
  samples: readonly PromSample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.value, 0);
}
