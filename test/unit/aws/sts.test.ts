import { ExpiredTokenException, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createIdentityPort } from '../../../src/aws/sts';
import { GuardError, GuardFault } from '../../../src/errors';

const stsMock = mockClient(STSClient);
const port = () => createIdentityPort(new STSClient({ region: 'us-east-1' }), 'prod');

afterEach(() => stsMock.reset());
afterAll(() => stsMock.restore());

describe('identity port', () => {
  it('returns the account the credentials act in', async () => {
    stsMock
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '222222222222', Arn: 'arn:aws:iam::222222222222:user/ci', UserId: 'AIDA' });
    await expect(port().account()).resolves.toBe('222222222222');
  });

  it('is a fault when STS returns no account', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({});
    await expect(port().account()).rejects.toBeInstanceOf(GuardFault);
  });

  it('says expired credentials are the problem, naming sts:GetCallerIdentity and the env', async () => {
    const expired = new ExpiredTokenException({
      message: 'The security token included in the request is expired',
      $metadata: {},
    });
    stsMock.on(GetCallerIdentityCommand).rejects(expired);
    const error = await port()
      .account()
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GuardError);
    expect(error).toMatchObject({ name: 'ProfileConfigurationError', cause: expired });
    expect((error as GuardError).message).toContain('sts:GetCallerIdentity');
    expect((error as GuardError).message).toContain('env "prod"');
  });
});
