import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { setupCommands, setupHarness, textOf } from './setup-harness.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

describe('help pages of the network-setup commands', () => {
  it('gives every command a summary, usage lines, two to four examples and who may run it', () => {
    for (const spec of setupCommands) {
      expect(spec.summary.length, spec.name).toBeGreaterThan(10);
      expect(spec.usage.length, spec.name).toBeGreaterThan(0);
      expect(spec.examples.length, spec.name).toBeGreaterThanOrEqual(2);
      expect(spec.examples.length, spec.name).toBeLessThanOrEqual(4);
      expect(spec.who.length, spec.name).toBeGreaterThan(3);
      for (const example of spec.examples) expect(example, spec.name).toMatch(/^\/pdsa /);
    }
  });

  it('renders `help <command>` for every command and alias', async () => {
    const h = setupHarness(t.db);
    const names = setupCommands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    expect(names).toEqual(
      expect.arrayContaining([
        'network',
        'site',
        'sites',
        'member',
        'members',
        'join',
        'approve',
        'pause',
        'resume',
        'measure',
        'measures',
        'idea',
        'ideas',
      ]),
    );
    for (const name of names) {
      const page = textOf(await h.command('Anyone', `/pdsa help ${name}`));
      expect(page, name).toContain('Usage');
      expect(page, name).toContain('Examples');
      expect(page, name).toContain('Who can run it:');
    }
    const overview = textOf(await h.command('Anyone', '/pdsa help'));
    expect(overview).toContain('Network setup');
    expect(overview).toContain('network: create your improvement network');
  });

  it('explains the kinds of measure on the measure page', async () => {
    const h = setupHarness(t.db);
    const page = textOf(await h.command('Anyone', '/pdsa help measure'));
    expect(page).toContain('proportion: a numerator out of a denominator');
    expect(page).toContain('count: events per exposure');
    expect(page).toContain('value: a single number');
  });
});
