import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localInstant } from '../../src/core/schedule/local-time.ts';
import { openDatabase } from '../../src/db/connect.ts';
import type { RenderChart } from '../../src/digest/charts.ts';
import { digestJob, postDueDigests } from '../../src/digest/post-digests.ts';
import { deliveryPayloadSchema } from '../../src/scheduler/payload-schema.ts';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/test-db.ts';
import {
  midweek,
  seedCheckin,
  seedCycle,
  seedIdea,
  seedMeasure,
  seedMember,
  seedNetwork,
  seedSite,
  ZONE,
} from './support/seed.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const CHANNEL = { platform: 'shell' as const, channel: 'improvement', name: '#improvement' };
const fakePng: RenderChart = async () => new Uint8Array([137, 80, 78, 71]);

async function networkWithChannel(
  name = 'Literacy NIC',
  schedule: { digest_weekday?: number; digest_hour?: number } = {},
) {
  const network = await seedNetwork(t.db, name, schedule);
  await t.db
    .updateTable('networks')
    .set({ digest_platform: 'shell', digest_address: CHANNEL })
    .where('id', '=', network.id)
    .execute();
  const site = await seedSite(t.db, network.id, 'Lincoln');
  const ana = await seedMember(t.db, network.id, `Ana ${name}`, 'educator', site.id);
  const idea = await seedIdea(t.db, network.id, 'Greet every student at the door');
  const measure = await seedMeasure(t.db, network.id, 'Students on time', 'proportion');
  const cycle = await seedCycle(
    t.db,
    { networkId: network.id, siteId: site.id, ideaId: idea.id, measureId: measure.id, ownerId: ana.id },
    '2026-W47',
  );
  await seedCheckin(
    t.db,
    cycle.id,
    ana.id,
    'study',
    midweek('2026-W47'),
    { numerator: 18, denominator: 24 },
    { learned: 'Names matter' },
  );
  return network;
}

const digests = () => t.db.selectFrom('digests').selectAll().orderBy('id').execute();
const deliveries = () => t.db.selectFrom('deliveries').selectAll().orderBy('id').execute();

describe('posting the weekly digest', () => {
  it('waits for the network’s weekday and hour in its own time zone, then posts last week’s digest once', async () => {
    const network = await networkWithChannel(); // Mondays at 08:00, America/Chicago
    const monday = '2026-11-23'; // week 48: the digest reports on week 47
    const before = new Date(localInstant(monday, 8, 0, ZONE).getTime() - 60_000);
    expect(await postDueDigests({ db: t.db, now: before, renderChart: fakePng })).toBe(0);
    expect(
      await postDueDigests({ db: t.db, now: localInstant('2026-11-22', 23, 0, ZONE), renderChart: fakePng }),
    ).toBe(0);
    // Sunday 22 Nov is still week 47: the digest of week 46 would be due, but the network's first
    // cycle is in week 47, so its first digest is week 47's.
    expect(await digests()).toEqual([]);

    expect(
      await postDueDigests({ db: t.db, now: localInstant(monday, 8, 0, ZONE), renderChart: fakePng }),
    ).toBe(1);
    expect(
      await postDueDigests({ db: t.db, now: localInstant(monday, 9, 30, ZONE), renderChart: fakePng }),
    ).toBe(0);
    expect(
      await postDueDigests({ db: t.db, now: localInstant('2026-11-27', 16, 0, ZONE), renderChart: fakePng }),
    ).toBe(0);

    const rows = await digests();
    expect(rows.map((d) => d.iso_week)).toEqual(['2026-W47']);
    const w47 = rows[0]!;
    expect(w47).toMatchObject({ network_id: network.id, platform: 'shell', address: CHANNEL });
    expect((w47.content as { summary: string }).summary).toContain(
      'Literacy NIC weekly digest, 16–22 Nov 2026',
    );

    const sent = (await deliveries()).filter((d) => d.dedupe_key.includes('W47'));
    expect(sent.map((d) => d.dedupe_key)).toEqual([
      `digest:${network.id}:2026-W47`,
      `digest:${network.id}:2026-W47:details`,
    ]);
    expect(w47.delivery_id).toBe(sent[0]!.id);
    for (const d of sent) {
      expect(d).toMatchObject({
        kind: 'digest',
        platform: 'shell',
        address: CHANNEL,
        network_id: network.id,
        status: 'pending',
      });
      // What the dispatcher will accept and send.
      expect(deliveryPayloadSchema.safeParse(d.payload).success).toBe(true);
    }
    const main = sent[0]!.payload as {
      type: string;
      message: { blocks: { type: string; fileName?: string }[] };
    };
    expect(main.type).toBe('message');
    expect(main.message.blocks.find((b) => b.type === 'image')?.fileName).toBe(
      'digest-literacy-nic-2026-W47.png',
    );
    const details = sent[1]!.payload as { type: string; threadOf: string; message: { summary: string } };
    expect(details).toMatchObject({ type: 'message', threadOf: `digest:${network.id}:2026-W47` });
    expect(details.message.summary).toContain('Details of the Literacy NIC weekly digest');
  });

  it('keeps each network’s own schedule and zone, and skips networks without a channel', async () => {
    const chicago = await networkWithChannel('Chicago NIC');
    const auckland = await networkWithChannel('Auckland NIC', { digest_weekday: 5, digest_hour: 15 });
    await t.db
      .updateTable('networks')
      .set({ time_zone: 'Pacific/Auckland' })
      .where('id', '=', auckland.id)
      .execute();
    await seedNetwork(t.db, 'Quiet NIC');
    // Friday 27 Nov 14:59 in Auckland: Chicago's Monday digest is due, Auckland's not yet.
    const friday = localInstant('2026-11-27', 15, 0, 'Pacific/Auckland');
    expect(
      await postDueDigests({ db: t.db, now: new Date(friday.getTime() - 60_000), renderChart: fakePng }),
    ).toBe(1);
    expect((await digests()).map((d) => [d.network_id, d.iso_week])).toEqual([[chicago.id, '2026-W47']]);
    expect(await postDueDigests({ db: t.db, now: friday, renderChart: fakePng })).toBe(1);
    expect((await digests()).map((d) => [d.network_id, d.iso_week])).toEqual([
      [chicago.id, '2026-W47'],
      [auckland.id, '2026-W47'],
    ]);
  });

  it('posts once even when two runs race for the same digest', async () => {
    const network = await networkWithChannel();
    const now = localInstant('2026-11-23', 8, 5, ZONE);
    // Both runs build the digest before either records it: the unique row decides.
    let arrived = 0;
    let release!: () => void;
    const bothBuilt = new Promise<void>((resolve) => {
      release = resolve;
    });
    const barrier: RenderChart = async () => {
      if (++arrived === 2) release();
      await bothBuilt;
      return new Uint8Array([137, 80, 78, 71]);
    };
    const second = serverUrl
      ? await openDatabase({ kind: 'postgres', url: serverUrl }, { searchPath: t.schema!, poolSize: 3 })
      : null;
    try {
      const results = await Promise.all([
        postDueDigests({ db: t.db, now, renderChart: barrier }),
        postDueDigests({ db: second?.db ?? t.db, now, renderChart: barrier }),
      ]);
      expect(results.sort()).toEqual([0, 1]);
    } finally {
      await second?.close();
    }
    expect((await digests()).map((d) => [d.network_id, d.iso_week])).toEqual([[network.id, '2026-W47']]);
    expect((await deliveries()).map((d) => d.dedupe_key)).toEqual([
      `digest:${network.id}:2026-W47`,
      `digest:${network.id}:2026-W47:details`,
    ]);
  });

  it('still posts the other networks when one cannot be built, and reports the failure', async () => {
    const broken = await networkWithChannel('Broken NIC');
    await t.db.updateTable('networks').set({ time_zone: 'Not/AZone' }).where('id', '=', broken.id).execute();
    const fine = await networkWithChannel('Fine NIC');
    const job = digestJob({ db: t.db, renderChart: fakePng });
    await expect(job(localInstant('2026-11-23', 9, 0, ZONE))).rejects.toThrow(
      /1 digest\(s\) could not be posted/,
    );
    expect((await digests()).map((d) => d.network_id)).toEqual([fine.id]);
  });
});
