import type { Locator, Page } from 'playwright-core';

// One person's Microsoft 365 Agents Playground window, driven through its
// own UI as they would use it: the chats and channels on the left, the
// message box (a rich text editor), @mentions picked from its menu, and the
// Adaptive Cards the bot sends, read as the Playground renders them.

const EDITOR = '[data-lexical-editor="true"]';
const CARD = '.ac-preview-panel';

export type Shot = (name: string) => Promise<void>;

export class PlaygroundPage {
  readonly page: Page;
  /** Saves a screenshot of the window, named for the step. */
  readonly shot: Shot;

  constructor(page: Page, shot: Shot) {
    this.page = page;
    this.shot = shot;
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'load' });
    await this.page.locator(EDITOR).first().waitFor({ timeout: 60_000 });
  }

  /**
   * A chat or channel from the list on the left ('Personal Chat', 'General'…),
   * once the card `ready` shows: opening a channel installs the bot there,
   * and a post made before its welcome arrives can be lost from the view.
   */
  async go(where: string, ready: string | RegExp): Promise<void> {
    await this.page.getByText(where, { exact: true }).first().click();
    await this.page.locator(EDITOR).first().waitFor();
    await this.card(ready);
  }

  cards(): Locator {
    return this.page.locator(CARD);
  }

  /** Types a line in the chat's message box and sends it (Enter). */
  async say(text: string): Promise<void> {
    const editor = this.page.locator(EDITOR).last();
    await editor.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Starts a new post in a channel that @mentions the bot, as Teams needs for a bot to hear it. */
  async postMentioning(bot: string, text: string): Promise<void> {
    const editor = this.page.locator(EDITOR).first();
    await editor.click();
    await this.page.keyboard.type(`@${bot.split(' ')[0]}`);
    // The Playground offers whom to mention in a menu under the box.
    await this.page.getByRole('menuitem', { name: bot }).click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.getByRole('button', { name: 'Post', exact: true }).click();
  }

  /**
   * Marks every card shown now as seen, so that `card(…, { onlyNew: true })`
   * finds only what comes after: the Playground puts a chat's new messages
   * at the bottom but a channel's new posts at the top.
   */
  async markSeen(): Promise<void> {
    await this.cards().evaluateAll((cards) => {
      for (const card of cards)
        (card as unknown as { dataset: Record<string, string> }).dataset.pdsaSeen = '1';
    });
  }

  /**
   * The first card on whose rendered text `match` is found, waiting for it
   * (among cards not marked seen, with `onlyNew`); the error says what the
   * cards showed instead, and a screenshot is kept.
   */
  async card(
    match: string | RegExp,
    options: { onlyNew?: boolean; timeoutMs?: number } = {},
  ): Promise<Locator> {
    const deadline = Date.now() + (options.timeoutMs ?? 45_000);
    for (;;) {
      const shown = await this.cardTexts();
      const at = shown.findIndex((c) => (!options.onlyNew || !c.seen) && matches(c.text, match));
      if (at !== -1) return this.cards().nth(at);
      if (Date.now() > deadline) {
        await this.shot('no-such-card').catch(() => {});
        throw new Error(
          `no ${options.onlyNew ? 'new ' : ''}card saying ${String(match)}; the cards say:\n${shown
            .map((c) => `--- ${c.seen ? '(seen) ' : ''}${c.text.slice(0, 400)}`)
            .join('\n')}`,
        );
      }
      await this.page.waitForTimeout(250);
    }
  }

  /** What each card shows, as the Playground renders it, and whether it was marked seen. */
  async cardTexts(): Promise<{ text: string; seen: boolean }[]> {
    return this.cards().evaluateAll((cards) =>
      cards.map((c) => {
        const card = c as unknown as { innerText: string; dataset: Record<string, string> };
        // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered is what a person sees.
        return { text: card.innerText, seen: card.dataset.pdsaSeen === '1' };
      }),
    );
  }

  /** What a card shows, as rendered (hidden parts and markup left out). */
  shown(card: Locator): Promise<string> {
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered is what a person sees.
    return card.innerText();
  }

  /** Sends `text` in a chat and waits for the new card answering it. */
  async ask(text: string, answer: string | RegExp): Promise<Locator> {
    await this.markSeen();
    await this.say(text);
    return this.card(answer, { onlyNew: true });
  }

  /** Posts `text` in a channel, mentioning the bot, and waits for the new card answering it. */
  async askInChannel(
    bot: string,
    text: string,
    answer: string | RegExp,
    timeoutMs?: number,
  ): Promise<Locator> {
    await this.markSeen();
    await this.postMentioning(bot, text);
    return this.card(answer, { onlyNew: true, ...(timeoutMs ? { timeoutMs } : {}) });
  }
}

function matches(text: string, match: string | RegExp): boolean {
  return typeof match === 'string' ? text.includes(match) : match.test(text);
}
