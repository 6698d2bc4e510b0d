import type { IamPort, RoleBoundary, StackResource, StacksPort } from '../../../src/aws/ports';
import { ROLE_CONCURRENCY, verifyEnv, walkStackRoles } from '../../../src/flows/verify-env';
import type { Progress } from '../../../src/host/io';
import { fakeIam } from '../helpers/fake-aws';

const BOUNDARY = 'arn:aws:iam::123456789012:policy/Boundary';
const ROOT = 'amplify-x-dev';

const role = (name: string): StackResource => ({ logicalId: name, type: 'AWS::IAM::Role', physicalId: name });
const nested = (name: string): StackResource => ({
  logicalId: name,
  type: 'AWS::CloudFormation::Stack',
  physicalId: name,
});
const roles = (prefix: string, count: number): StackResource[] =>
  Array.from({ length: count }, (_, index) => role(`${prefix}-role${index}`));

/** Lets every pending promise callback run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Calls that wait until the test answers them, so the test decides the order in which answers arrive. */
const heldCalls = <T>(answer: (key: string) => T | Error) => {
  const pending = new Map<string, () => void>();
  const started: string[] = [];
  let inFlight = 0;
  let highest = 0;
  const call = (key: string): Promise<T> => {
    started.push(key);
    inFlight += 1;
    highest = Math.max(highest, inFlight);
    return new Promise<T>((resolve, reject) => {
      pending.set(key, () => {
        pending.delete(key);
        inFlight -= 1;
        const value = answer(key);
        if (value instanceof Error) reject(value);
        else resolve(value);
      });
    });
  };
  return {
    call,
    started,
    highest: () => highest,
    pending: () => [...pending.keys()],
    release: (key: string) => pending.get(key)?.(),
    /** Answers whatever waits, newest first, until nothing does. */
    releaseAll: async (): Promise<void> => {
      for (let keys = [...pending.keys()]; keys.length > 0; keys = [...pending.keys()]) {
        for (const key of keys.reverse()) pending.get(key)?.();
        await settle();
      }
    },
  };
};

const heldStacks = (tree: Record<string, StackResource[]>) => {
  const held = heldCalls((stack) => tree[stack] ?? new Error(`Stack with id ${stack} does not exist`));
  const unused = (): Promise<never> => Promise.reject(new Error('reading the roles reads no template'));
  const port: StacksPort = { listResources: held.call, getTemplate: unused, describeStack: unused };
  return { ...held, port };
};

const heldIam = (fail: (role: string) => boolean = () => false) => {
  const held = heldCalls<RoleBoundary>((name) =>
    fail(name) ? new Error(`AccessDenied on ${name}`) : { found: true, boundary: BOUNDARY },
  );
  const port: IamPort = { ...fakeIam({ policies: [BOUNDARY] }), roleBoundary: held.call };
  return { ...held, port };
};

/** Answers the listings of these stacks, one after the other. */
const answer = async (stacks: ReturnType<typeof heldStacks>, ...names: string[]): Promise<void> => {
  for (const name of names) {
    stacks.release(name);
    await settle();
  }
};

describe('reading the roles of a stack tree', () => {
  it(`never has more than ${ROLE_CONCURRENCY} GetRole calls in flight`, async () => {
    const stacks = heldStacks({ [ROOT]: [...roles('root', 30), nested('api')], api: roles('api', 30) });
    const iam = heldIam();
    const run = verifyEnv('dev', BOUNDARY, { stacks: stacks.port, iam: iam.port }, ROOT);
    await answer(stacks, ROOT, 'api');
    expect(iam.pending()).toHaveLength(ROLE_CONCURRENCY);
    await iam.releaseAll();
    const verification = await run;
    expect(verification.roles).toHaveLength(60);
    expect(iam.highest()).toBe(ROLE_CONCURRENCY);
  });

  it("starts reading a stack's roles as soon as its listing arrives, while other stacks are still listed", async () => {
    const stacks = heldStacks({
      [ROOT]: [nested('auth'), nested('api')],
      auth: [role('auth-role')],
      api: [role('api-role')],
    });
    const iam = heldIam();
    const run = verifyEnv('dev', BOUNDARY, { stacks: stacks.port, iam: iam.port }, ROOT);
    await answer(stacks, ROOT, 'api');
    expect(stacks.pending()).toEqual(['auth']);
    expect(iam.started).toEqual(['api-role']);
    await stacks.releaseAll();
    await iam.releaseAll();
    expect((await run).roles.map(({ role: name }) => name)).toEqual(['auth-role', 'api-role']);
  });

  it('lists the nested stacks of a stack all at once', async () => {
    const stacks = heldStacks({ [ROOT]: [nested('a'), nested('b'), nested('c')], a: [], b: [], c: [] });
    const walk = walkStackRoles({ stacks: stacks.port }, ROOT, (found) => Promise.resolve(found));
    await answer(stacks, ROOT);
    expect(stacks.pending()).toEqual(['a', 'b', 'c']);
    await stacks.releaseAll();
    expect(await walk).toEqual([]);
  });

  it('keeps a level-by-level order, each stack in listing order, whatever order the answers come in', async () => {
    const tree = {
      [ROOT]: [role('r1'), nested('a'), role('r2'), nested('b')],
      a: [role('a1'), nested('deep'), role('a2')],
      b: [role('b1')],
      deep: [role('d1')],
    };
    const expected = ['r1', 'r2', 'a1', 'a2', 'b1', 'd1'];
    // Every stack listed before any role is read; then stacks and roles answered together, newest first.
    const orders = [
      async (stacks: ReturnType<typeof heldStacks>, iam: ReturnType<typeof heldIam>) => {
        await stacks.releaseAll();
        await iam.releaseAll();
      },
      async (stacks: ReturnType<typeof heldStacks>, iam: ReturnType<typeof heldIam>) => {
        while (stacks.pending().length + iam.pending().length > 0) {
          await Promise.all([stacks.releaseAll(), iam.releaseAll()]);
        }
      },
    ];
    for (const answer of orders) {
      const stacks = heldStacks(tree);
      const iam = heldIam();
      const run = verifyEnv('dev', BOUNDARY, { stacks: stacks.port, iam: iam.port }, ROOT);
      await answer(stacks, iam);
      const verification = await run;
      expect(verification.roles.map(({ role: name }) => name)).toEqual(expected);
      expect(verification.roles.map(({ stack }) => stack)).toEqual([ROOT, ROOT, 'a', 'a', 'b', 'deep']);
    }
  });

  it('rejects with the first failed role read, and starts no read after it', async () => {
    const stacks = heldStacks({ [ROOT]: roles('root', ROLE_CONCURRENCY + 24) });
    const iam = heldIam((name) => name === 'root-role2');
    const run = verifyEnv('dev', BOUNDARY, { stacks: stacks.port, iam: iam.port }, ROOT);
    const outcome = run.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await answer(stacks, ROOT);
    iam.release('root-role2');
    await iam.releaseAll();
    expect(await outcome).toBe('AccessDenied on root-role2');
    expect(iam.started).toHaveLength(ROLE_CONCURRENCY);
  });

  it('rejects when a nested stack cannot be listed', async () => {
    const stacks = heldStacks({ [ROOT]: [role('r1'), nested('gone')] });
    const iam = heldIam();
    const run = verifyEnv('dev', BOUNDARY, { stacks: stacks.port, iam: iam.port }, ROOT);
    const outcome = run.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await stacks.releaseAll();
    await iam.releaseAll();
    expect(await outcome).toBe('Stack with id gone does not exist');
  });

  it('asks whether the boundary policy exists while the stacks are still being listed', async () => {
    const stacks = heldStacks({ [ROOT]: [role('r1')] });
    const asked: string[] = [];
    const iam = heldIam();
    const port: IamPort = {
      ...iam.port,
      policyExists: (arn) => {
        asked.push(arn);
        return Promise.resolve('exists');
      },
    };
    const run = verifyEnv('dev', BOUNDARY, { stacks: stacks.port, iam: port }, ROOT);
    await settle();
    expect(stacks.pending()).toEqual([ROOT]);
    expect(asked).toEqual([BOUNDARY]);
    await stacks.releaseAll();
    await iam.releaseAll();
    expect((await run).policyExists).toBe(true);
  });

  it('shows how many of the roles found so far were read, and stops the spinner at the end', async () => {
    const shown: string[] = [];
    const progress: Progress = {
      start: (text) => shown.push(`start ${text}`),
      update: (text) => shown.push(text),
      stop: () => shown.push('stop'),
    };
    const stacks = heldStacks({ [ROOT]: [role('r1'), role('r2'), nested('a')], a: [role('a1')] });
    const iam = heldIam();
    const run = verifyEnv('dev', BOUNDARY, { stacks: stacks.port, iam: iam.port }, ROOT, progress);
    await answer(stacks, ROOT);
    iam.release('r1');
    await settle();
    await stacks.releaseAll();
    await iam.releaseAll();
    await run;
    expect(shown).toEqual([
      'start Reading roles',
      'Reading roles: 1/2',
      'Reading roles: 2/3',
      'Reading roles: 3/3',
      'stop',
    ]);
  });
});
