import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * A span processor whose inner processor can be replaced while the provider runs: the settings
 * screen changes the OTLP endpoint without a restart. The old processor is flushed and shut down
 * (its pending spans go to the old endpoint); spans that end after the switch go to the new one.
 */
export class SwitchableProcessor implements SpanProcessor {
  private inner: SpanProcessor | undefined;

  constructor(initial?: SpanProcessor) {
    this.inner = initial;
  }

  get current(): SpanProcessor | undefined {
    return this.inner;
  }

  /** Puts `next` in place (or nothing) and shuts the previous one down. */
  async replace(next: SpanProcessor | undefined): Promise<void> {
    const previous = this.inner;
    this.inner = next;
    await previous?.shutdown();
  }

  onStart(span: Span, parentContext: Context): void {
    this.inner?.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    this.inner?.onEnd(span);
  }

  async forceFlush(): Promise<void> {
    await this.inner?.forceFlush();
  }

  async shutdown(): Promise<void> {
    await this.replace(undefined);
  }
}
