/**
 * The user id of a person in the terminal, from their name: the same for
 * `as Ana Lopez`, `as @ana lopez` and `member add @Ana Lopez`, so that a
 * name and a mention of it are one person.
 */
export function terminalUserId(name: string): string {
  return name.normalize('NFC').trim().replace(/^@\s*/, '').toLowerCase().replace(/\s+/g, '-');
}
