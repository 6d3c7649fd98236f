import type { Address } from '../../src/core/address.ts';
import type { Message } from '../../src/core/message-model.ts';
import { DeliveryError, type MessageRef, type PlatformPort } from '../../src/platform/platform-port.ts';

/**
 * The bench's outbound port: posts to the stand-in platform over HTTP the
 * way a Slack adapter posts to chat.postMessage, and reports 429s, server
 * errors and refusals as the typed DeliveryErrors the dispatcher expects.
 */
export function httpPort(baseUrl: string): PlatformPort {
  return {
    platform: 'slack',
    async send(address: Address, message: Message): Promise<MessageRef> {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/chat.postMessage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            workspace: address.workspace,
            channel: address.channel,
            text: message.summary,
            blocks: message.blocks,
          }),
        });
      } catch (error) {
        throw new DeliveryError('transient', `network: ${(error as Error).message}`);
      }
      const body = (await response.json().catch(() => ({}))) as { ok?: boolean; error?: string; ts?: string };
      if (response.status === 429) {
        const seconds = Number(response.headers.get('retry-after') ?? '1');
        throw new DeliveryError('rate_limited', body.error ?? 'ratelimited', Math.max(0, seconds) * 1000);
      }
      if (response.status >= 500) throw new DeliveryError('transient', `HTTP ${response.status}`);
      if (!response.ok || !body.ok)
        throw new DeliveryError('permanent', body.error ?? `HTTP ${response.status}`);
      return { channel: address.channel, ts: body.ts };
    },
    async update(): Promise<void> {
      throw new DeliveryError('permanent', 'the stand-in does not edit messages');
    },
  };
}
