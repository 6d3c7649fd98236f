import type { Address } from '../core/address.ts';
import type { Platform } from '../core/domain.ts';
import type { Message } from '../core/message-model.ts';

// The one outbound port each adapter gives the core.

/** A platform's handle on a sent message, opaque to the core (Slack channel + ts, Teams activity id). */
export type MessageRef = Record<string, unknown>;

export interface PlatformPort {
  readonly platform: Platform;
  send(address: Address, message: Message, options?: { threadOf?: MessageRef }): Promise<MessageRef>;
  update(ref: MessageRef, message: Message): Promise<void>;
}

export type DeliveryFailureKind = 'permanent' | 'transient' | 'rate_limited';

/**
 * How an adapter reports a failed send. `permanent` (user gone, bot removed)
 * is never retried and makes the person unreachable; `rate_limited` waits
 * `retryAfterMs`; `transient` retries with backoff.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  readonly kind: DeliveryFailureKind;
  readonly retryAfterMs: number | undefined;
  constructor(kind: DeliveryFailureKind, message: string, retryAfterMs?: number) {
    super(message);
    this.kind = kind;
    this.retryAfterMs = retryAfterMs;
  }
}
