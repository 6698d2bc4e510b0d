import { checkRole, stackLabel, type DeployedRole, type EnvVerification } from '../boundary/verify-report';
import type { EnvAws } from '../aws/ports';
import { silentProgress, type Progress } from '../host/io';
import { createLimiter, type Limiter } from '../util/map-limit';

/**
 * GetRole calls in flight at once. At 16, 200 roles took 13 round trips; 48 takes 5 and stays under the 50
 * connections the SDK opens to one endpoint. When IAM throttles, the IAM client paces its requests to the rate
 * IAM admits (see aws/send-rate.ts), so this is a ceiling, not a rate.
 */
export const ROLE_CONCURRENCY = 48;

/** ListStackResources calls in flight at once, for the nested stacks of an env. */
export const STACK_CONCURRENCY = 16;

type FoundRole = { role: string; stack: string };

/** A resource of an env's stack tree: its type and physical id, and the stack (by name) it belongs to. */
export type FoundResource = { logicalId: string; type: string; physicalId: string; stack: string };

type Listing<T> = { reads: Array<Promise<T>>; nested: string[] };

// The caller awaits these later, in its own order; until then a rejection must not count as unhandled.
const handled = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(() => {});
  return promise;
};

const NESTED_STACK = 'AWS::CloudFormation::Stack';

/**
 * Lists a stack and its nested stacks (recursively; a nested stack is named by its ARN or name), listing
 * nested stacks concurrently and starting `read` on each resource `wanted` as soon as its stack's listing
 * arrives. The results keep the order of a level-by-level walk, whatever order the answers come in. After the
 * first failure no new call starts, and that failure is what the walk rejects with. `onFound` counts each
 * wanted resource when its listing arrives, before its read starts.
 */
export const walkStackResources = async <T>(
  aws: Pick<EnvAws, 'stacks'>,
  rootStack: string,
  wanted: (resource: FoundResource) => boolean,
  read: (found: FoundResource) => Promise<T>,
  onFound: () => void = () => {},
): Promise<T[]> => {
  const stackLimit = createLimiter(STACK_CONCURRENCY);
  const readLimit = createLimiter(ROLE_CONCURRENCY);
  let failure: { error: unknown } | undefined;
  const guarded = <R>(limit: Limiter, task: () => Promise<R>): Promise<R> => {
    const promise = limit(() => {
      if (failure) throw failure.error;
      return task();
    });
    promise.catch((error: unknown) => (failure ??= { error }));
    return promise;
  };
  const listings = new Map<string, Promise<Listing<T>>>();
  const list = (stack: string): void => {
    if (listings.has(stack)) return;
    const listing = guarded(stackLimit, () => aws.stacks.listResources(stack)).then((resources) => {
      const found: Listing<T> = { reads: [], nested: [] };
      for (const { logicalId, type, physicalId } of resources) {
        if (!physicalId) continue;
        const resource = { logicalId, type, physicalId, stack: stackLabel(stack) };
        if (wanted(resource)) {
          onFound();
          found.reads.push(handled(guarded(readLimit, () => read(resource))));
        }
        if (type === NESTED_STACK) {
          found.nested.push(physicalId);
          list(physicalId);
        }
      }
      return found;
    });
    listings.set(stack, handled(listing));
  };
  list(rootStack);

  const results: T[] = [];
  const collected = new Set<string>();
  for (let level = [rootStack]; level.length > 0;) {
    const next: string[] = [];
    for (const stack of level) {
      if (collected.has(stack)) continue;
      collected.add(stack);
      const { reads, nested } = await listings.get(stack)!;
      for (const read of reads) results.push(await read);
      next.push(...nested);
    }
    level = next;
  }
  return results;
};

/** {@link walkStackResources} over the IAM roles of the tree: `read` gets each role's name and stack. */
export const walkStackRoles = <T>(
  aws: Pick<EnvAws, 'stacks'>,
  rootStack: string,
  read: (found: FoundRole) => Promise<T>,
  onFound: () => void = () => {},
): Promise<T[]> =>
  walkStackResources(
    aws,
    rootStack,
    (resource) => resource.type === 'AWS::IAM::Role',
    (resource) => read({ role: resource.physicalId, stack: resource.stack }),
    onFound,
  );

/** Every IAM role in a stack and its nested stacks, recursively (a nested stack is named by its ARN or name). */
export const findStackRoles = (aws: Pick<EnvAws, 'stacks'>, rootStack: string): Promise<FoundRole[]> =>
  walkStackRoles(aws, rootStack, (found) => Promise.resolve(found));

/** Every resource of a stack tree but the nested stacks themselves, which the walk goes into. */
export const findStackResources = (aws: Pick<EnvAws, 'stacks'>, rootStack: string): Promise<FoundResource[]> =>
  walkStackResources(
    aws,
    rootStack,
    (resource) => resource.type !== NESTED_STACK,
    (found) => Promise.resolve(found),
  );

/** Proves which deployed roles of an env carry its expected boundary (reads only). */
export const verifyEnv = async (
  env: string,
  expected: string,
  aws: Pick<EnvAws, 'stacks' | 'iam'>,
  rootStack: string,
  progress: Progress = silentProgress,
): Promise<EnvVerification> => {
  // Whether the boundary policy exists does not depend on the roles: ask while the stacks are listed.
  const policy = expected === '' ? undefined : handled(aws.iam.policyExists(expected));
  let found = 0;
  let read = 0;
  progress.start('Reading roles');
  try {
    const deployed = await walkStackRoles(
      aws,
      rootStack,
      async ({ role, stack }): Promise<DeployedRole> => {
        const boundary = await aws.iam.roleBoundary(role);
        read += 1;
        progress.update(`Reading roles: ${read}/${found}`);
        return { role, stack, ...boundary };
      },
      () => (found += 1),
    );
    const lookup = await policy;
    return {
      env,
      expected,
      policyExists: lookup === undefined || lookup === 'denied' ? null : lookup === 'exists',
      roles: deployed.map((role) => checkRole(expected, role)),
    };
  } finally {
    progress.stop();
  }
};
