import type { Address } from '../../src/core/address.ts';
import type { Message } from '../../src/core/message-model.ts';
import type { MessageRef, PlatformPort } from '../../src/platform/platform-port.ts';
import { DeliveryError } from '../../src/platform/platform-port.ts';
import { readSlackAddress, type SlackAddress, workspaceKeyOf } from './address.ts';
import { toDeliveryError } from './errors.ts';
import { postMessage, updateMessage } from './post-message.ts';
import type { SlackDirectory } from './slack-directory.ts';
import type { WorkspaceClients } from './workspace-clients.ts';

/** A sent Slack message: where it is, so that it can be updated or replied to in a thread. */
export type SlackMessageRef = {
  channel: string;
  ts?: string;
  team?: string;
  enterprise?: string;
  files?: string[];
};

/**
 * The core's outbound port on Slack. Every failure is a DeliveryError: the
 * outbox retries transient ones, waits out rate limits as long as Slack
 * says, and stops at permanent ones (the person or channel is gone).
 */
export class SlackPort implements PlatformPort {
  readonly platform = 'slack' as const;
  readonly #clients: WorkspaceClients;
  readonly #directory: SlackDirectory;

  constructor(clients: WorkspaceClients, directory: SlackDirectory) {
    this.#clients = clients;
    this.#directory = directory;
  }

  async send(
    address: Address,
    message: Message,
    options: { threadOf?: MessageRef } = {},
  ): Promise<MessageRef> {
    const to = readSlackAddress(address);
    try {
      const client = await this.#clients.forWorkspace(workspaceKeyOf(to));
      const channel = await this.#channelOf(client, to);
      const threadTs = threadTsOf(options.threadOf);
      const posted = await postMessage(client, channel, message, threadTs ? { threadTs } : {});
      const ref: SlackMessageRef = {
        channel: posted.channel,
        ...(posted.ts ? { ts: posted.ts } : {}),
        ...(to.team ? { team: to.team } : {}),
        ...(to.enterprise ? { enterprise: to.enterprise } : {}),
        ...(posted.files ? { files: posted.files } : {}),
      };
      return ref;
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    const channel = typeof ref.channel === 'string' ? ref.channel : undefined;
    const ts = typeof ref.ts === 'string' ? ref.ts : undefined;
    if (!channel || !ts) {
      throw new DeliveryError('permanent', 'This Slack message reference has no channel and ts to update');
    }
    const where = readSlackAddress({ platform: 'slack', ...ref });
    try {
      const client = await this.#clients.forWorkspace(workspaceKeyOf(where));
      await updateMessage(client, channel, ts, message);
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  async #channelOf(client: Parameters<SlackDirectory['dmChannel']>[0], to: SlackAddress): Promise<string> {
    if (to.channel) return to.channel;
    if (to.user) return this.#directory.dmChannel(client, to.team ?? to.enterprise ?? '', to.user);
    throw new DeliveryError('permanent', 'This Slack address has neither a channel nor a user');
  }
}

function threadTsOf(ref: MessageRef | undefined): string | undefined {
  if (!ref) return undefined;
  return typeof ref.thread_ts === 'string' ? ref.thread_ts : typeof ref.ts === 'string' ? ref.ts : undefined;
}
