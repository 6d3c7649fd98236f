import type { Block, Message } from '../../src/core/message-model.ts';
import type { Db } from '../../src/db/connect.ts';
import { publishFile, publishPicture } from '../../src/files/published-files.ts';

// A Teams message carries pictures and files only as links: a chart as a
// data URL makes the message larger than Teams accepts (about 28 KB), and
// bots cannot attach files to channel messages without the file-consent
// flow. So the bot serves them itself (GET /files/<token>/<name> on the
// messaging endpoint's server) and the card links to them.

export const FILES_PATH = '/files/';

export type Publisher = { db: Db; baseUrl: string; clock: () => Date };

/** Where each image and file block of a message can be fetched; empty without a public address. */
export type CardLinks = ReadonlyMap<Block, string>;

export const NO_LINKS: CardLinks = new Map();

export async function linksFor(publisher: Publisher | undefined, message: Message): Promise<CardLinks> {
  if (!publisher) return NO_LINKS;
  const links = new Map<Block, string>();
  const now = publisher.clock();
  for (const block of message.blocks) {
    if (block.type === 'image') {
      const published = await publishPicture(
        publisher.db,
        { bytes: Buffer.from(block.pngBase64, 'base64'), fileName: block.fileName },
        now,
      );
      links.set(block, fileUrl(publisher.baseUrl, published));
    } else if (block.type === 'file') {
      const published = await publishFile(
        publisher.db,
        { bytes: Buffer.from(block.content, 'utf8'), contentType: block.mimeType, fileName: block.fileName },
        now,
      );
      links.set(block, fileUrl(publisher.baseUrl, published));
    }
  }
  return links;
}

function fileUrl(baseUrl: string, published: { token: string; fileName: string }): string {
  return `${baseUrl}${FILES_PATH}${published.token}/${encodeURIComponent(published.fileName)}`;
}
