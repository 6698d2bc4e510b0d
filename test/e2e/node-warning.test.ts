import { resetMoto } from '../support/moto';
import { DEFAULT_CREDENTIALS } from '../support/accounts';
import { createSandbox, type Sandbox } from './support/amplify-cli';
import { initBoundedProject } from './support/bounded-project';

const motoUrl = process.env.MOTO_URL as string;

let sandbox: Sandbox;
let project: string;

beforeAll(async () => {
  await resetMoto(motoUrl);
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS });
  project = await initBoundedProject(sandbox, motoUrl);
});

describe(`amplify boundary verify on Node ${process.versions.node}`, () => {
  it("prints no AWS SDK NodeVersionSupportWarning when the SDK's switch is not set", async () => {
    // The SDK reads only "true"; empty is how a shell that never set it looks to it.
    const result = await sandbox.amplify(['boundary', 'verify'], {
      cwd: project,
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: '' },
    });
    expect(result.output).toContain('Env "dev": 2 IAM role(s) checked');
    expect(result.code).toBe(0);
    expect(result.output).not.toContain('NodeVersionSupportWarning');
    expect(result.stderr).toBe('');
  });
});
