import { simulateMode } from '../../../src/boundary/simulate-input';

const envs = [
  { name: 'dev', stackName: 'amplify-shop-dev' },
  { name: 'prod', stackName: 'amplify-shop-prod' },
  { name: 'staging' },
];
const TABLE = 'arn:aws:dynamodb:us-east-1:111122223333:table/users';

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('simulateMode', () => {
  it('accepts another pushed env, or exactly the given pairs', () => {
    expect(simulateMode('dev', { against: 'prod' }, envs)).toEqual({ kind: 'against', against: 'prod' });
    expect(simulateMode('dev', { actions: ['dynamodb:Scan'], resources: [TABLE, 'arn:aws:s3:::b/*'] }, envs)).toEqual({
      kind: 'pairs',
      actions: ['dynamodb:Scan'],
      resources: [TABLE, 'arn:aws:s3:::b/*'],
    });
  });

  it('refuses the env against itself', () => {
    expect(refusal(() => simulateMode('dev', { against: 'dev' }, envs))).toContain('--against dev is the env itself');
  });

  it('refuses an env that does not exist, listing those that do', () => {
    expect(refusal(() => simulateMode('dev', { against: 'qa' }, envs))).toBe(
      '--against qa: there is no environment "qa" (environments: dev, prod, staging).',
    );
    expect(refusal(() => simulateMode('qa', { against: 'prod' }, envs))).toContain('--env qa');
  });

  it('refuses an env that was never pushed', () => {
    expect(refusal(() => simulateMode('dev', { against: 'staging' }, envs))).toContain(
      '--against staging: env "staging" was never pushed',
    );
  });

  it('refuses neither mode and both modes', () => {
    expect(refusal(() => simulateMode('dev', {}, envs))).toContain('--against <other env>');
    expect(refusal(() => simulateMode('dev', { against: 'prod', actions: ['s3:GetObject'] }, envs))).toContain(
      '--against and --action/--resource were both given',
    );
  });

  it('refuses an action with a wildcard or without its service, naming --action', () => {
    for (const action of ['dynamodb:*', 'dynamodb:Get*', 'Scan', 's3:Get?bject'])
      expect(refusal(() => simulateMode('dev', { actions: [action], resources: [TABLE] }, envs))).toMatch(/^--action /);
  });

  it('refuses an action without a resource and the reverse', () => {
    expect(refusal(() => simulateMode('dev', { actions: ['dynamodb:Scan'] }, envs))).toBe(
      '--action was given without --resource.',
    );
    expect(refusal(() => simulateMode('dev', { resources: [TABLE] }, envs))).toBe(
      '--resource was given without --action.',
    );
  });

  it('refuses a resource that is not an ARN, naming --resource', () => {
    expect(refusal(() => simulateMode('dev', { actions: ['dynamodb:Scan'], resources: ['users'] }, envs))).toMatch(
      /^--resource users: not an ARN/,
    );
  });
});
