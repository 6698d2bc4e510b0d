/** Tier 3: the plugin inside the real Amplify CLI (scripts/install-amplify-cli.sh), against moto. */
module.exports = {
  rootDir: '../..',
  testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/offline-env.ts'],
  globalSetup: '<rootDir>/test/e2e/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/moto-global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 300000,
};
