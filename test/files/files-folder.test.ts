import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesFolderFor } from '../../src/files/files-folder.ts';

// The charts and exports the terminal saves stay with the data they came
// from: nothing lands in the project's ./.data/files when the database is a
// throwaway in memory, or lives somewhere else.

describe('where the terminal saves files', () => {
  it('beside the embedded database: ./.data/files for the default, <parent>/files for another folder', () => {
    expect(filesFolderFor({ kind: 'pglite', dataDir: './.data/pgdata' })).toBe(resolve('.data/files'));
    expect(filesFolderFor({ kind: 'pglite', dataDir: '/srv/pdsa/db' })).toBe('/srv/pdsa/files');
  });

  it('in a temporary folder of its own for an in-memory database, made only when a file is saved', () => {
    const first = filesFolderFor({ kind: 'pglite', dataDir: 'memory' }, '/tmp');
    const second = filesFolderFor({ kind: 'pglite', dataDir: 'memory' }, '/tmp');
    expect(first).toMatch(/^\/tmp\/pdsa-bot-files-[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
    expect(existsSync(first)).toBe(false);
    expect(first.startsWith(resolve('.data'))).toBe(false);
  });

  it('in ./.data/files with PostgreSQL', () => {
    expect(filesFolderFor({ kind: 'postgres', url: 'postgres://db/pdsa' })).toBe(
      join(resolve('.data'), 'files'),
    );
  });
});
