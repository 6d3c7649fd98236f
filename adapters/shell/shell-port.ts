import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Address } from '../../src/core/address.ts';
import type { Block, Message } from '../../src/core/message-model.ts';
import type { MessageRef, PlatformPort } from '../../src/platform/platform-port.ts';
import { type RenderedButtons, renderMessage, type TextStyle } from './render-text.ts';

export type ShellOutput = {
  write(text: string): void;
  style: TextStyle;
  /** Where charts and exports are written. */
  filesDir: string;
};

/**
 * The terminal's outbound port: every message the bot would send on a
 * platform is printed with its recipient, so a whole network can be played
 * from one keyboard.
 */
export class ShellPort implements PlatformPort {
  readonly platform = 'shell' as const;
  #counter = 0;
  #out: ShellOutput;
  /** The buttons most recently shown to each user, for `press <n>`. */
  readonly buttonsByUser = new Map<string, RenderedButtons>();

  constructor(out: ShellOutput) {
    this.#out = out;
  }

  async send(address: Address, message: Message): Promise<MessageRef> {
    const id = ++this.#counter;
    const to =
      typeof address.name === 'string' ? address.name : String(address.user ?? address.channel ?? '?');
    const where = address.channel ? `#${String(address.channel)}` : `${to} (direct message)`;
    this.print(
      `── message ${id} to ${where} ──`,
      message,
      typeof address.user === 'string' ? address.user : undefined,
    );
    return { id };
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    this.print(`── message ${String(ref.id)} updated ──`, message, undefined);
  }

  /** Shows a reply to the person typing (not a platform message). */
  showReply(user: string, message: Message): void {
    this.print(undefined, message, user);
  }

  private print(header: string | undefined, message: Message, user: string | undefined): void {
    const images = this.saveImages(message);
    const { text, buttons } = renderMessage(message, this.#out.style, images);
    if (user && buttons.length > 0) this.buttonsByUser.set(user, buttons);
    this.#out.write(`${header ? `${header}\n` : ''}${text}\n\n`);
  }

  private saveImages(message: Message): Map<Block, string> {
    const paths = new Map<Block, string>();
    for (const block of message.blocks) {
      if (block.type !== 'image' && block.type !== 'file') continue;
      const dir = resolve(this.#out.filesDir);
      mkdirSync(dir, { recursive: true });
      const path = join(dir, block.fileName);
      writeFileSync(path, block.type === 'image' ? Buffer.from(block.pngBase64, 'base64') : block.content);
      paths.set(block, path);
    }
    return paths;
  }
}
