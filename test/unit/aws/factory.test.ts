import { createEnvAws, withoutNodeVersionWarning } from '../../../src/aws/factory';

const SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
const KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'test-secret' };

let saved: string | undefined;

beforeEach(() => {
  // Every test run sets the SDK's switch (test/support/offline-env.ts); these tests run as a user's shell would.
  saved = process.env[SWITCH];
  delete process.env[SWITCH];
});

afterEach(() => {
  process.env[SWITCH] = saved;
  jest.restoreAllMocks();
});

describe('the SDK clients of an env', () => {
  it(`are built without the SDK's NodeVersionSupportWarning on Node ${process.versions.node}, ${SWITCH} unset`, async () => {
    const warnings: string[] = [];
    jest.spyOn(process, 'emitWarning').mockImplementation((warning: string | Error) => {
      warnings.push(String(warning));
    });
    const aws = await createEnvAws({ region: 'us-east-1', credentials: KEYS }, 'dev');
    expect(aws.region).toBe('us-east-1');
    expect(warnings.filter((warning) => warning.includes('NodeVersionSupportWarning'))).toEqual([]);
    expect(process.env[SWITCH]).toBeUndefined();
  });
});

describe('withoutNodeVersionWarning', () => {
  it('sets the switch only while building, and puts back a value the user had', () => {
    process.env[SWITCH] = 'false';
    expect(withoutNodeVersionWarning(() => process.env[SWITCH])).toBe('true');
    expect(process.env[SWITCH]).toBe('false');
  });

  it('puts the environment back when building fails', () => {
    expect(() =>
      withoutNodeVersionWarning(() => {
        throw new Error('no client');
      }),
    ).toThrow('no client');
    expect(process.env[SWITCH]).toBeUndefined();
  });
});
