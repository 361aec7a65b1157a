import type { EventMessage, RequestEnvelope, ResponseEnvelope, WireFrame } from './envelope';

export type Unsubscribe = () => void;

/** What the client side of any transport offers: request/response plus a feed of event batches. */
export interface ClientTransport {
  request(envelope: RequestEnvelope): Promise<ResponseEnvelope>;
  onEvents(listener: (events: EventMessage[]) => void): Unsubscribe;
  close(): void;
}

/** A source of batched events on the main side (see the event hub). */
export interface EventSource {
  subscribe(listener: (events: EventMessage[]) => void): Unsubscribe;
}

/** A bidirectional, message-based channel: one end of a WebSocket or of an in-memory pair. */
export interface MessageWire {
  send(frame: WireFrame): void;
  onFrame(listener: (frame: unknown) => void): Unsubscribe;
  onClose(listener: (reason: string) => void): Unsubscribe;
  close(): void;
}
