import type { Address } from '../core/address.ts';
import type { Platform } from '../core/domain.ts';

// What the bot does differently from one platform to another, as each
// adapter declares it (ChatAdapterFactory.features). The core keeps no list
// of platforms: start-up registers what the running adapters declare, and
// the bot looks a speaker's platform up here.

export type PlatformFeatures = {
  /**
   * Whether people can fill in a form (a Slack modal, a Teams card). Where
   * they cannot (the terminal shows a form only as a list of questions), the
   * bot asks for the typed command, and check-ins one question at a time.
   */
  readonly forms: boolean;
  /**
   * Whether a person is known by their name alone (the terminal, where
   * `as Ana Lopez` speaks as Ana): a bare name in a command then finds or
   * creates that person, as a mention does elsewhere, and the sample
   * network's people are created under their names in the speaker's
   * workspace, so that they can be spoken as. Elsewhere a bare name must
   * match someone the network knows.
   */
  readonly namesArePeople: boolean;
  /** Whether a name the bot does not know is answered with "use an @mention" (Slack's command box completes them). */
  readonly suggestMentions: boolean;
  /** The address of a person first named in a command, before they ever wrote to the bot. */
  addressForNewPerson(person: { workspaceId: string; userId: string; name: string }): Address;
};

/** The features of every platform the bot hears from. */
export type PlatformRegistry = {
  featuresOf(platform: Platform): PlatformFeatures;
};

export function platformRegistry(
  entries: Iterable<{ readonly platform: Platform; readonly features: PlatformFeatures }>,
): PlatformRegistry {
  const byPlatform = new Map<Platform, PlatformFeatures>();
  for (const { platform, features } of entries) byPlatform.set(platform, features);
  return {
    featuresOf(platform) {
      const features = byPlatform.get(platform);
      // An event can only come from a running adapter, and start-up registers each one.
      if (!features) throw new Error(`no adapter declared the features of platform "${platform}"`);
      return features;
    },
  };
}
