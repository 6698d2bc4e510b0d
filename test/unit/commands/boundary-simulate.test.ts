import { forbiddenCloud, runPluginCommand } from '../helpers/command-harness';
import { defaultTeamProviderInfo, makeTempProject, type TempProject } from '../helpers/temp-project';

let project: TempProject;

beforeEach(async () => {
  const tpi = { ...defaultTeamProviderInfo(), local: { awscloudformation: { Region: 'us-east-1' } } };
  project = await makeTempProject({ teamProviderInfo: tpi });
});

afterEach(async () => {
  process.exitCode = undefined;
  await project.remove();
});

// Every AWS call of an offline cloud fails with "unexpected": a refusal must come before any of them.
const simulate = (options: Record<string, string | boolean>) =>
  runPluginCommand({ command: 'simulate', options, cwd: project.root, cloud: forbiddenCloud() });

const refusal = async (options: Record<string, string | boolean>): Promise<string> => {
  const { error } = await simulate(options);
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message;
};

describe('amplify boundary simulate refuses bad input before any AWS call, naming the flag', () => {
  it.each([
    [{ against: 'dev' }, '--against dev is the env itself'],
    [{ against: 'qa' }, '--against qa: there is no environment "qa" (environments: dev, prod, local)'],
    [{ against: 'local' }, '--against local: env "local" was never pushed'],
    [{ env: 'local', against: 'prod' }, '--env local: env "local" was never pushed'],
    [{}, 'simulate needs --against <other env>, or --action <service:Action> with --resource <arn>'],
    [{ against: 'prod', action: 'dynamodb:Scan' }, '--against and --action/--resource were both given'],
    [{ action: 'dynamodb:Scan' }, '--action was given without --resource'],
    [{ resource: 'arn:aws:s3:::b' }, '--resource was given without --action'],
    [
      { action: 'dynamodb:*', resource: 'arn:aws:s3:::b' },
      '--action dynamodb:*: an action is "service:Action" without wildcards',
    ],
    [{ action: 'dynamodb:Scan', resource: 'users' }, '--resource users: not an ARN'],
    [{ action: true, resource: 'arn:aws:s3:::b' }, '--action needs a value'],
  ])('%j', async (options, message) => {
    expect(await refusal(options)).toContain(message);
  });
});
