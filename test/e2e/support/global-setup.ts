import { access } from 'node:fs/promises';
import { join } from 'node:path';
import startMoto from '../../support/moto-global-setup';
import { AMPLIFY_BIN, PLUGIN_ROOT } from './amplify-cli';

/** Checks the CLI and the built plugin are there, then starts moto for the run. */
export default async function setup(): Promise<void> {
  await access(AMPLIFY_BIN).catch(() => {
    throw new Error(`No Amplify CLI at ${AMPLIFY_BIN}: run \`bash scripts/install-amplify-cli.sh\` (npm test does).`);
  });
  await access(join(PLUGIN_ROOT, 'lib/src/index.js')).catch(() => {
    throw new Error('The plugin is not built: run `npm run build` (npm test does).');
  });
  await startMoto();
}
