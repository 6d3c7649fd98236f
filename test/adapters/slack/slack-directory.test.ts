import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackDirectory } from '../../../adapters/slack/slack-directory.ts';
import { SlackStandIn } from './support/slack-stand-in.ts';

// Names and time zones from users.info, kept for an hour so that most events
// cost no Web API call, and fetched again after that so the core learns when
// someone's time zone changed.

let standIn: SlackStandIn;
let client: webApi.WebClient;

beforeAll(async () => {
  standIn = await SlackStandIn.start();
  client = new webApi.WebClient('xoxb-directory-test', {
    slackApiUrl: standIn.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.reset();
  standIn.users.clear();
});

describe('SlackDirectory', () => {
  it('asks users.info once an hour per person, and sees a new time zone after the hour', async () => {
    let now = 0;
    const directory = new SlackDirectory({ now: () => now });
    standIn.users.set('U1', { displayName: 'ana', realName: 'Ana López', tz: 'America/Chicago' });
    expect(await directory.profile(client, 'T1', 'U1')).toEqual({
      displayName: 'ana',
      timeZone: 'America/Chicago',
    });
    now += 59 * 60_000;
    standIn.users.set('U1', { displayName: 'ana', tz: 'Pacific/Auckland' });
    expect((await directory.profile(client, 'T1', 'U1'))?.timeZone).toBe('America/Chicago');
    expect(standIn.callsTo('users.info')).toHaveLength(1);
    now += 2 * 60_000;
    expect((await directory.profile(client, 'T1', 'U1'))?.timeZone).toBe('Pacific/Auckland');
    expect(standIn.callsTo('users.info')).toHaveLength(2);
  });

  it('for an event acknowledged after the core, answers with the hour-old profile at once and refreshes it for the next event', async () => {
    let now = 0;
    const directory = new SlackDirectory({ now: () => now });
    standIn.users.set('U7', { displayName: 'cam', tz: 'America/Chicago' });
    await directory.profile(client, 'T1', 'U7');
    now += 61 * 60_000;
    standIn.users.set('U7', { displayName: 'cam', tz: 'Europe/Lisbon' });
    standIn.failNext('users.info', { delayMs: 300 });
    const started = performance.now();
    expect((await directory.profile(client, 'T1', 'U7', 1000, true))?.timeZone).toBe('America/Chicago');
    expect(performance.now() - started).toBeLessThan(250);
    await new Promise((r) => setTimeout(r, 400));
    expect((await directory.profile(client, 'T1', 'U7', 1000, true))?.timeZone).toBe('Europe/Lisbon');
    expect(standIn.callsTo('users.info')).toHaveLength(2);
  });

  it('waits for users.info (within the budget) for someone it has never seen, even when stale answers would do', async () => {
    const directory = new SlackDirectory();
    standIn.users.set('U8', { displayName: 'dee', tz: 'Asia/Tokyo' });
    expect(await directory.profile(client, 'T1', 'U8', 1000, true)).toEqual({
      displayName: 'dee',
      timeZone: 'Asia/Tokyo',
    });
  });

  it('falls back to the real name, then the user name, when there is no display name', async () => {
    const directory = new SlackDirectory();
    standIn.users.set('U2', { realName: 'Ben Okafor' });
    expect((await directory.profile(client, 'T1', 'U2'))?.displayName).toBe('Ben Okafor');
  });

  it('does not keep an event waiting past its budget, and uses the answer when it comes', async () => {
    const directory = new SlackDirectory();
    standIn.failNext('users.info', { delayMs: 300 });
    const started = performance.now();
    expect(await directory.profile(client, 'T1', 'U3', 50)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(250);
    await new Promise((r) => setTimeout(r, 400));
    expect(await directory.profile(client, 'T1', 'U3', 50)).toMatchObject({ timeZone: 'America/Chicago' });
    expect(standIn.callsTo('users.info')).toHaveLength(1);
  });

  it('keeps what it knew when users.info fails, and waits a minute before asking again', async () => {
    let now = 0;
    const directory = new SlackDirectory({ now: () => now });
    await directory.profile(client, 'T1', 'U4');
    now += 61 * 60_000;
    standIn.failNext('users.info', { status: 429, retryAfter: 30 });
    expect(await directory.profile(client, 'T1', 'U4')).toMatchObject({ timeZone: 'America/Chicago' });
    expect(await directory.profile(client, 'T1', 'U4')).toMatchObject({ timeZone: 'America/Chicago' });
    expect(standIn.callsTo('users.info')).toHaveLength(2);
  });

  it('opens a DM once per person and remembers DM channels seen in events', async () => {
    const directory = new SlackDirectory();
    expect(await directory.dmChannel(client, 'T1', 'U5')).toBe('D5');
    expect(await directory.dmChannel(client, 'T1', 'U5')).toBe('D5');
    expect(standIn.callsTo('conversations.open')).toHaveLength(1);
    directory.rememberDm('T1', 'U6', 'D600');
    directory.rememberDm('T1', 'U6', 'C600');
    expect(await directory.dmChannel(client, 'T1', 'U6')).toBe('D600');
  });
});
