import type { Migration } from 'kysely/migration';
import * as initial from './0001_initial.ts';
import * as digestIndexes from './0002_digest_indexes.ts';
import * as publishedFiles from './0003_published_files.ts';
import * as networkNumbers from './0004_network_numbers.ts';
import * as theoryOfImprovement from './0005_theory_of_improvement.ts';
import * as platformOpen from './0006_platform_open.ts';
import * as outcomeIndexes from './0007_outcome_indexes.ts';

// A static list: loading migration files with import() at run time fails
// under some runners (tsx, Vitest, bundlers). Add each new migration here.
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_digest_indexes': digestIndexes,
  '0003_published_files': publishedFiles,
  '0004_network_numbers': networkNumbers,
  '0005_theory_of_improvement': theoryOfImprovement,
  '0006_platform_open': platformOpen,
  '0007_outcome_indexes': outcomeIndexes,
};
