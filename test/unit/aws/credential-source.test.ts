import { credentialSource, type LocalAwsEntry } from '../../../src/aws/credential-source';

const project = (entry: Partial<LocalAwsEntry>): LocalAwsEntry => ({ configLevel: 'project', ...entry });

describe('credentialSource', () => {
  it('uses the default chain for an env with no local-aws-info entry, as the CLI does in CI', () => {
    expect(credentialSource(undefined, undefined)).toEqual({ kind: 'default-chain' });
  });

  it('uses the default chain for configLevel general', () => {
    expect(credentialSource({ configLevel: 'general' }, undefined)).toEqual({ kind: 'default-chain' });
  });

  it('reads a profile with static keys through the SDK', () => {
    const section = { aws_access_key_id: 'AKIAEXAMPLE', aws_secret_access_key: 'secret', region: 'eu-west-1' };
    expect(credentialSource(project({ useProfile: true, profileName: 'prod' }), section)).toEqual({
      kind: 'profile',
      profile: 'prod',
      via: 'ini',
    });
  });

  it('runs a credential_process profile through the SDK', () => {
    expect(
      credentialSource(project({ useProfile: true, profileName: 'p' }), { credential_process: '/bin/creds' }),
    ).toEqual({ kind: 'profile', profile: 'p', via: 'process' });
  });

  it.each([
    ['role_arn', { role_arn: 'arn:aws:iam::1:role/r', source_profile: 'base' }],
    ['mfa_serial', { aws_access_key_id: 'A', aws_secret_access_key: 'S', mfa_serial: 'arn:aws:iam::1:mfa/me' }],
    ['sso_session', { sso_session: 'corp', sso_account_id: '1' }],
    ['sso_start_url', { sso_start_url: 'https://corp.awsapps.com/start' }],
  ])('leaves a profile with %s to the CLI, which assumes, caches and asks itself', (key, section) => {
    const source = credentialSource(project({ useProfile: true, profileName: 'p' }), section);
    expect(source.kind).toBe('cli-provider');
    expect(source.kind === 'cli-provider' && source.reason).toContain(key);
  });

  it('reads the keys file the CLI stored for an env with access keys', () => {
    expect(
      credentialSource(project({ useProfile: false, awsConfigFilePath: '/home/u/.amplify/x/k' }), undefined),
    ).toEqual({ kind: 'keys-file', file: '/home/u/.amplify/x/k' });
  });

  it('leaves Amplify Studio logins, missing profiles and unknown shapes to the CLI', () => {
    expect(credentialSource({ configLevel: 'amplifyAdmin' }, undefined).kind).toBe('cli-provider');
    expect(credentialSource(project({ useProfile: true, profileName: 'gone' }), undefined).kind).toBe('cli-provider');
    expect(credentialSource(project({}), undefined).kind).toBe('cli-provider');
    expect(credentialSource(project({ useProfile: true, profileName: 'p' }), { region: 'us-east-1' }).kind).toBe(
      'cli-provider',
    );
  });
});
