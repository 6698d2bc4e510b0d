import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import type { StaticCredentials } from '../../src/aws/ports';

/** moto's default account, which any key not created in another account acts in. */
export const DEFAULT_ACCOUNT = '123456789012';

/** The credentials every test uses for the default account. */
export const DEFAULT_CREDENTIALS: StaticCredentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'default-secret',
};

/**
 * Credentials that act in another moto account: an IAM user and access key created there by sending
 * `x-moto-account-id`; requests signed with that key then act in that account.
 */
export const credentialsInAccount = async (endpoint: string, account: string): Promise<StaticCredentials> => {
  const iam = new IAMClient({ endpoint, region: 'us-east-1', credentials: DEFAULT_CREDENTIALS });
  iam.middlewareStack.add(
    (next) => (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-moto-account-id'] = account;
      return next(args);
    },
    { step: 'build', name: 'motoAccount' },
  );
  const userName = `deployer-${account}`;
  await iam.send(new CreateUserCommand({ UserName: userName }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  if (!AccessKey?.AccessKeyId || !AccessKey.SecretAccessKey) throw new Error('moto returned no access key');
  return { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
};

/** A policy document allowing everything, for boundary policies in tests. */
export const ALLOW_ALL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});
