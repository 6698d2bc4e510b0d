import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKeysFile, sdkAccess, watchedProvider } from '../../../src/aws/credentials';
import { GuardError } from '../../../src/errors';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iam-guard-keys-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const keysFile = async (content: unknown): Promise<string> => {
  const file = join(dir, 'keys');
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

describe('readKeysFile', () => {
  it('reads the shape the CLI writes today: the keys under "credentials", the region beside them', async () => {
    const file = await keysFile({
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI', sessionToken: 'tok' },
      region: 'eu-west-1',
    });
    await expect(readKeysFile(file)).resolves.toEqual({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI', sessionToken: 'tok' },
    });
  });

  it('reads the older shape with the keys at the top level', async () => {
    const file = await keysFile({ accessKeyId: 'AKIAOLD', secretAccessKey: 'old-secret', region: 'us-west-2' });
    await expect(readKeysFile(file)).resolves.toEqual({
      region: 'us-west-2',
      credentials: { accessKeyId: 'AKIAOLD', secretAccessKey: 'old-secret', sessionToken: undefined },
    });
  });

  it('refuses a file without keys, and never shows what the file holds', async () => {
    const file = await keysFile({ credentials: { accessKeyId: 'AKIAONLYID' } });
    const error = await readKeysFile(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).message).toContain(file);
    expect((error as GuardError).message).not.toContain('AKIAONLYID');
    expect((error as GuardError).resolution).toContain('amplify configure project');
  });

  it('refuses a file that is not JSON, naming the file', async () => {
    const file = await keysFile('{ not json');
    await expect(readKeysFile(file)).rejects.toThrow(file);
  });
});

describe('sdkAccess', () => {
  it('takes the region of the env before the one in the keys file', async () => {
    const file = await keysFile({ credentials: { accessKeyId: 'A', secretAccessKey: 'S' }, region: 'eu-west-1' });
    const access = await sdkAccess({ kind: 'keys-file', file }, 'us-east-2');
    expect(access.region).toBe('us-east-2');
    expect(access.credentials).toEqual({ accessKeyId: 'A', secretAccessKey: 'S', sessionToken: undefined });
  });

  it('hands the default chain to the SDK as a provider', async () => {
    const access = await sdkAccess({ kind: 'default-chain' }, 'us-east-1');
    expect(typeof access.credentials).toBe('function');
    expect(access.region).toBe('us-east-1');
  });
});

describe('watchedProvider', () => {
  it('tells the redactor every part of the credentials it hands out', async () => {
    const seen: Array<string | undefined> = [];
    const provider = watchedProvider(
      () => Promise.resolve({ accessKeyId: 'AKIAWATCHED', secretAccessKey: 'the-secret', sessionToken: 'the-token' }),
      (secret) => seen.push(secret),
    );
    await expect(provider()).resolves.toMatchObject({ secretAccessKey: 'the-secret' });
    expect(seen).toEqual(['AKIAWATCHED', 'the-secret', 'the-token']);
  });
});
