import type { EventMessage, RequestEnvelope, ResponseEnvelope, WireFrame } from './envelope';

export type Unsubscribe = () => void;

/**
 * The state of a transport's link: `open`, or `reconnecting` after it dropped. On a reopen,
 * `resumed` says whether the events missed meanwhile were replayed (else the client resynchronises).
 */
export type LinkState =
  { state: 'open'; resumed: boolean; reconnected: boolean } | { state: 'reconnecting'; reason: string };

/** What the client side of any transport offers: request/response plus a feed of event batches. */
export interface ClientTransport {
  request(envelope: RequestEnvelope): Promise<ResponseEnvelope>;
  onEvents(listener: (events: EventMessage[]) => void): Unsubscribe;
  /** Link changes, on transports that reconnect (the web mode's WebSocket). */
  onLink?(listener: (link: LinkState) => void): Unsubscribe;
  close(): void;
}

/** A batch's place in the event hub's sequence. */
export interface BatchInfo {
  readonly seq: number;
  readonly epoch: string;
}

/** What a reconnecting client missed: the batches after its last, or undefined when they are gone. */
export interface Replay {
  readonly epoch: string;
  /** The last batch sent so far. */
  readonly seq: number;
  readonly batches?: ReadonlyArray<{ readonly seq: number; readonly events: EventMessage[] }>;
}

/** A source of batched events on the main side (see the event hub). */
export interface EventSource {
  subscribe(listener: (events: EventMessage[], batch?: BatchInfo) => void): Unsubscribe;
  /** The batches after `since` of sequence `epoch`, if still kept. */
  replay?(epoch: string | undefined, since: number | undefined): Replay;
}

/** A bidirectional, message-based channel: one end of a WebSocket or of an in-memory pair. */
export interface MessageWire {
  send(frame: WireFrame): void;
  onFrame(listener: (frame: unknown) => void): Unsubscribe;
  /** The wire is gone for good (a reconnecting wire reports drops through `onLink` instead). */
  onClose(listener: (reason: string) => void): Unsubscribe;
  /** Drops and reopens, on wires that reconnect: requests are sent only while it is open. */
  onLink?(listener: (link: LinkState) => void): Unsubscribe;
  close(): void;
}
