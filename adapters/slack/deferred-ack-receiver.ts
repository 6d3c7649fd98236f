import type { App, Receiver, ReceiverEvent } from '@slack/bolt';

// Bolt acknowledges every Events API request before any listener runs, so a
// message that could not be saved (the database is down) would be lost:
// Slack retries only events that were not acknowledged. This receiver wraps
// Bolt's own (HTTP or Socket Mode) and holds the acknowledgement back until
// the listener has stored the event and calls `ackEvent(context)`; if the
// listener throws first, nothing is acknowledged and Slack retries (HTTP:
// the request is answered 500; Socket Mode: the envelope is not acked).
// Events no listener takes are acknowledged when Bolt is done with them.
// Slash commands and interactions are untouched: their listeners ack first.

const ACK_KEY = 'pdsaAckEvent';

type InnerReceiver = Receiver & { installer?: unknown };

export class DeferredEventAckReceiver implements Receiver {
  readonly #inner: InnerReceiver;

  constructor(inner: InnerReceiver) {
    this.#inner = inner;
  }

  /** Bolt reads the OAuth installer from the receiver to authorize requests. */
  get installer(): unknown {
    return this.#inner.installer;
  }

  init(app: App): void {
    const proxy = { processEvent: (event: ReceiverEvent) => processDeferringEventAck(app, event) };
    this.#inner.init(proxy as unknown as App);
  }

  start(...args: unknown[]): Promise<unknown> {
    return this.#inner.start(...args);
  }

  stop(...args: unknown[]): Promise<unknown> {
    return this.#inner.stop(...args);
  }
}

async function processDeferringEventAck(app: App, event: ReceiverEvent): Promise<void> {
  if (event.body?.type !== 'event_callback') return app.processEvent(event);
  let acked = false;
  const ackNow = async () => {
    if (acked) return;
    acked = true;
    await event.ack();
  };
  await app.processEvent({
    ...event,
    ack: async () => {},
    customProperties: { ...event.customProperties, [ACK_KEY]: ackNow },
  });
  await ackNow();
}

/** Acknowledges the Events API request being handled (once; later calls do nothing). */
export async function ackEvent(context: Record<string, unknown>): Promise<void> {
  const ack = context[ACK_KEY];
  if (typeof ack === 'function') await (ack as () => Promise<void>)();
}
