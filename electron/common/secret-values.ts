/** What a masked secret is replaced with, everywhere. */
export const MASK = '[redacted]';

/** Shorter values are not masked by value: too likely to be an ordinary word or number. */
export const MIN_SECRET_LENGTH = 6;
/** Values kept at most; the oldest registered go first. */
const MAX_VALUES = 2_000;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Secret values known to this process (environment values whose names look secret, secret
 * contents, exporter credentials), and the filter that masks them in text that leaves it: log
 * lines, span attributes and messages, run history, errors. Each value is also matched as it looks
 * inside JSON and URL-encoded. Values only accumulate (bounded): a secret once seen stays masked.
 */
export class SecretValues {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;
  private dirty = false;

  /** Registers secret values; empty and short ones are ignored (see MIN_SECRET_LENGTH). */
  add(...values: ReadonlyArray<string | undefined>): void {
    for (const value of values) {
      if (value === undefined || value.length < MIN_SECRET_LENGTH) continue;
      for (const form of new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)])) {
        if (form.length < MIN_SECRET_LENGTH || this.values.has(form)) continue;
        this.values.add(form);
        this.dirty = true;
      }
      // A multi-line secret (a key file) is also masked line by line, as logs often split it.
      if (value.includes('\n')) this.add(...value.split(/\r?\n/).map((line) => line.trim()));
    }
    while (this.values.size > MAX_VALUES) this.values.delete(this.values.values().next().value!);
  }

  get size(): number {
    return this.values.size;
  }

  private regex(): RegExp | undefined {
    if (this.dirty) {
      // Longest first, so a value that contains another is masked whole.
      const sorted = [...this.values].sort((a, b) => b.length - a.length);
      this.pattern = sorted.length > 0 ? new RegExp(sorted.map(escapeRegExp).join('|'), 'g') : undefined;
      this.dirty = false;
    }
    return this.pattern;
  }

  /** The text with every registered value replaced by MASK. */
  mask(text: string): string {
    const regex = this.regex();
    if (!regex || text.length < MIN_SECRET_LENGTH) return text;
    return text.replace(regex, MASK);
  }

  /** A copy of a JSON-like value with every string masked (keys too). */
  maskDeep<T>(value: T): T {
    if (this.values.size === 0) return value;
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.mask(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
        return Object.fromEntries(Object.entries(v).map(([k, item]) => [this.mask(k), walk(item)]));
      return v;
    };
    return walk(value) as T;
  }
}

/**
 * The process's registry. The logger, the telemetry, the run history and the contract's errors
 * mask with it by default, so a secret registered by a run is masked wherever it would go.
 */
export const processSecrets = new SecretValues();
