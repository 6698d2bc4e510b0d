import { checkRole, stackLabel, type DeployedRole, type EnvVerification } from '../boundary/verify-report';
import type { EnvAws } from '../aws/ports';
import { mapLimit } from '../util/map-limit';

/** GetRole calls in flight at once: enough to be quick, few enough not to be throttled. */
export const ROLE_CONCURRENCY = 4;

type FoundRole = { role: string; stack: string };

/** Every IAM role in a stack and its nested stacks, recursively (a nested stack is named by its ARN or name). */
export const findStackRoles = async (aws: Pick<EnvAws, 'stacks'>, rootStack: string): Promise<FoundRole[]> => {
  const roles: FoundRole[] = [];
  let level = [rootStack];
  const seen = new Set(level);
  while (level.length > 0) {
    const listed = await mapLimit(level, ROLE_CONCURRENCY, async (stack) => ({
      stack,
      resources: await aws.stacks.listResources(stack),
    }));
    level = [];
    for (const { stack, resources } of listed) {
      for (const resource of resources) {
        if (!resource.physicalId) continue;
        if (resource.type === 'AWS::IAM::Role') roles.push({ role: resource.physicalId, stack: stackLabel(stack) });
        if (resource.type === 'AWS::CloudFormation::Stack' && !seen.has(resource.physicalId)) {
          seen.add(resource.physicalId);
          level.push(resource.physicalId);
        }
      }
    }
  }
  return roles;
};

/** Proves which deployed roles of an env carry its expected boundary (reads only). */
export const verifyEnv = async (
  env: string,
  expected: string,
  aws: Pick<EnvAws, 'stacks' | 'iam'>,
  rootStack: string,
): Promise<EnvVerification> => {
  const found = await findStackRoles(aws, rootStack);
  const deployed = await mapLimit(found, ROLE_CONCURRENCY, async ({ role, stack }): Promise<DeployedRole> => ({
    role,
    stack,
    ...(await aws.iam.roleBoundary(role)),
  }));
  const lookup = expected === '' ? undefined : await aws.iam.policyExists(expected);
  return {
    env,
    expected,
    policyExists: lookup === undefined || lookup === 'denied' ? null : lookup === 'exists',
    roles: deployed.map((role) => checkRole(expected, role)),
  };
};
