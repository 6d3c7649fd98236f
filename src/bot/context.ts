import type { BotSettings } from '../core/settings.ts';
import type { MemberRow, NetworkRow, PersonRow } from '../db/schema.ts';
import type { Trx } from '../db/trx.ts';
import type { InboundEvent } from './inbound.ts';
import type { PlatformFeatures } from './platform-features.ts';
import type { BotServices } from './services.ts';

export type { Trx };

/** Who is speaking: their chat identity and, once they belong to one, their network. */
export type Caller = {
  person: PersonRow;
  member: MemberRow | null;
  network: NetworkRow | null;
  /** What their platform can do, as its adapter declared. */
  features: PlatformFeatures;
};

/** Everything a handler needs, inside the event's transaction. */
export type HandlerContext<E extends InboundEvent = InboundEvent> = {
  trx: Trx;
  now: Date;
  event: E;
  caller: Caller;
  settings: BotSettings;
  /** The digest and the demo, as start-up gave them to the bot. */
  services: BotServices;
};
