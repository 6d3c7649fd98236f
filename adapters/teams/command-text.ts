// Teams has no slash commands: people type to the bot. Text that starts
// with `/pdsa` is a command; anything else goes to the core as a reply,
// which answers the check-in the person is in the middle of, and otherwise
// runs it as a command when it starts with a command word. Only the core
// knows whether an answer is expected ("Close to 80%" is an answer then).

export function isCommandText(text: string): boolean {
  return /^\/pdsa(\s|$)/i.test(text.trimStart());
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Plain text of what someone typed: Teams may send `&nbsp;` and other
 * entities, a trailing newline after a mention, and non-breaking spaces.
 */
export function cleanText(text: string): string {
  return text
    .replace(/&(amp|lt|gt|quot|apos|nbsp);|&#(\d+);|&#x([0-9a-f]+);/gi, (whole, name, dec, hex) => {
      if (name) return ENTITIES[String(name).toLowerCase()] ?? whole;
      const code = dec ? Number(dec) : Number.parseInt(String(hex), 16);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    })
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}
