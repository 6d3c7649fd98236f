import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseOpenError } from './database-open-error.ts';

// PGlite is a single-process database: two processes writing one data
// directory would corrupt it. A lock file with the owner's pid refuses the
// second process with a clear message and is taken over when its owner died.

export type DataDirLock = { release(): void };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dir: string): DataDirLock {
  const path = join(dir, '.pdsa-bot.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DatabaseOpenError(`Cannot lock the data directory ${dir}: ${(error as Error).message}.`);
      }
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseOpenError(
          `The data directory ${dir} is in use by another pdsa-bot process (pid ${owner}). ` +
            'Stop that process, or set PDSA_DATA_DIR to another folder (or "memory").',
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DatabaseOpenError(
    `Cannot lock the data directory ${dir}; remove ${path} if no pdsa-bot is running.`,
  );
}
