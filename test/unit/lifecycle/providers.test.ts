import { GuardError } from '../../../src/errors';
import { newEnvAccess, newEnvName } from '../../../src/events/providers';

const providers = (awscloudformation: Record<string, unknown>): string => JSON.stringify({ awscloudformation });

describe('newEnvAccess', () => {
  it('reaches the new account through the profile given in --providers', () => {
    const options = { providers: providers({ configLevel: 'project', useProfile: true, profileName: 'prod' }) };
    expect(newEnvAccess(options, false)).toEqual({ profile: 'prod', region: undefined });
    expect(newEnvAccess(options, true)).toEqual({ profile: 'prod', region: undefined });
  });

  it('hands keys and region given in --providers to the SDK as they are', () => {
    const options = {
      providers: providers({
        configLevel: 'project',
        useProfile: false,
        accessKeyId: 'AKIAEXAMPLEEXAMPLE00',
        secretAccessKey: 'secret',
        region: 'eu-west-1',
      }),
    };
    expect(newEnvAccess(options, false)).toEqual({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'secret', sessionToken: undefined },
    });
  });

  it('uses the default credential chain in a non-interactive init without --providers', () => {
    expect(newEnvAccess({ yes: true }, false)).toEqual({});
  });

  it('leaves the account unknown in an interactive init without --providers (the CLI will ask)', () => {
    expect(newEnvAccess({}, true)).toBeUndefined();
  });

  it('uses the default chain for a "general" config level', () => {
    expect(newEnvAccess({ providers: providers({ configLevel: 'general' }) }, true)).toEqual({});
  });

  it('refuses --providers that is not JSON, naming the flag', () => {
    let thrown: unknown;
    try {
      newEnvAccess({ providers: '{awscloudformation:' }, false);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GuardError);
    const error = thrown as GuardError;
    expect(error.name).toBe('InputValidationError');
    expect(error.message).toContain('--providers is not valid JSON');
    expect(error.resolution).toContain('--providers');
  });
});

describe('newEnvName', () => {
  it('is --envName', () => {
    expect(newEnvName({ envName: 'prod' })).toBe('prod');
  });

  it('is envName inside the --amplify JSON', () => {
    expect(
      newEnvName({ amplify: JSON.stringify({ projectName: 'demo', envName: 'dev', defaultEditor: 'code' }) }),
    ).toBe('dev');
  });

  it('prefers --envName over the --amplify JSON', () => {
    expect(newEnvName({ envName: 'prod', amplify: JSON.stringify({ envName: 'dev' }) })).toBe('prod');
  });

  it('is undefined when neither names one', () => {
    expect(newEnvName({ yes: true })).toBeUndefined();
    expect(newEnvName({ amplify: JSON.stringify({ projectName: 'demo' }) })).toBeUndefined();
  });

  it('refuses an --amplify that is not JSON, naming the flag', () => {
    expect(() => newEnvName({ amplify: 'nope' })).toThrow('--amplify is not valid JSON');
  });
});
