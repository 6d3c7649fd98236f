import { describe, expect, it, vi } from 'vitest';
import { suggest } from '../../../src/bot/commands/help.ts';
import { allCommands } from '../../../src/bot/commands/index.ts';
import { editDistance } from '../../../src/core/parsing/edit-distance.ts';

// "Did you mean …?" for a mistyped command: helpful for a typo, and no more
// work for a pasted paragraph than for a typo.

vi.mock('../../../src/core/parsing/edit-distance.ts', { spy: true });

const commands = allCommands();
const names = commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
const longest = Math.max(...names.map((n) => n.length));

describe('suggesting a command for a typo', () => {
  it('names the nearest command, at most two edits away', () => {
    expect(suggest(commands, 'stauts')).toBe('Did you mean `status`? ');
    expect(suggest(commands, 'STATS')).toBe('Did you mean `status`? ');
    expect(suggest(commands, 'zzzzzzzzz')).toBe('');
  });

  it('compares only the first word, and within the edit limit', () => {
    vi.mocked(editDistance).mockClear();
    expect(suggest(commands, `stauts ${'and more words '.repeat(70_000)}`)).toBe('Did you mean `status`? ');
    const calls = vi.mocked(editDistance).mock.calls;
    expect(calls.length).toBe(names.length);
    for (const [typed, , max] of calls) {
      expect(typed).toBe('stauts');
      expect(max).toBe(2);
    }
  });

  it('compares nothing when the word is longer than any command name could be mistyped into', () => {
    vi.mocked(editDistance).mockClear();
    expect(suggest(commands, 'x'.repeat(1_000_000))).toBe('');
    expect(suggest(commands, 'x'.repeat(longest + 3))).toBe('');
    expect(editDistance).not.toHaveBeenCalled();
  });
});
