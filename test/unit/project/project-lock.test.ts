import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GuardError } from '../../../src/errors';
import { updateJsonFile } from '../../../src/project/json-file';
import { LOCK_TIMINGS, withProjectLock } from '../../../src/project/project-lock';

let dir: string;
let file: string;
let lockFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iam-guard-lock-'));
  file = join(dir, 'team-provider-info.json');
  lockFile = join(dir, 'local-iam-guard.lock');
  await writeFile(file, `${JSON.stringify({ dev: {}, stage: {}, prod: {} }, null, 2)}\n`);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const setKey = (env: string, value: string): Promise<boolean> =>
  updateJsonFile(
    file,
    (json) => {
      (json[env] as Record<string, unknown>).boundary = value;
    },
    { createIfMissing: false, lockFile, rewrittenByCli: true },
  );

describe('updateJsonFile under the project lock', () => {
  it('lets changes started at the same time all land', async () => {
    await Promise.all([setKey('dev', 'a'), setKey('stage', 'b'), setKey('prod', 'c')]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      dev: { boundary: 'a' },
      stage: { boundary: 'b' },
      prod: { boundary: 'c' },
    });
  });

  it('waits for a file caught empty mid-rewrite instead of calling it malformed', async () => {
    const whole = await readFile(file, 'utf8');
    await writeFile(file, '');
    const rewrite = new Promise<void>((resolve) => {
      setTimeout(() => void writeFile(file, whole).then(resolve), 300);
    });
    await setKey('dev', 'after-rewrite');
    await rewrite;
    expect((JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>).dev).toEqual({
      boundary: 'after-rewrite',
    });
  });
});

describe('withProjectLock', () => {
  it('fails after the wait, naming the lock file, while another run holds it', async () => {
    const timings = { ...LOCK_TIMINGS, waitMs: 300 };
    let release: () => void = () => {};
    const held = withProjectLock(lockFile, () => new Promise<void>((resolve) => (release = resolve)), timings);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const error = await withProjectLock(lockFile, () => Promise.resolve('never'), timings).catch((e: unknown) => e);
    release();
    await held;
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).message).toContain(lockFile);
    expect((error as GuardError).resolution).toContain(lockFile);
  });

  it('takes over a lock that its holder stopped refreshing (a run that died)', async () => {
    await mkdir(lockFile);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lockFile, longAgo, longAgo);
    await expect(withProjectLock(lockFile, () => Promise.resolve('mine'))).resolves.toBe('mine');
  });

  it('releases the lock when the work fails, so the next run gets it at once', async () => {
    await expect(withProjectLock(lockFile, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const timings = { ...LOCK_TIMINGS, waitMs: 0 };
    await expect(withProjectLock(lockFile, () => Promise.resolve('next'), timings)).resolves.toBe('next');
  });
});
