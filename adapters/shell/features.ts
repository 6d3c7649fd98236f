import type { PlatformFeatures } from '../../src/bot/platform-features.ts';

/**
 * The terminal shows forms only as lists of questions, so commands are
 * typed and check-ins answered one question at a time; a person is their
 * name (`as Ana Lopez`), so naming someone new in a command creates them,
 * with the name their messages are printed under.
 */
export const shellFeatures: PlatformFeatures = {
  forms: false,
  namesArePeople: true,
  suggestMentions: false,
  addressForNewPerson: ({ userId, name }) => ({ platform: 'shell', user: userId, name }),
};
