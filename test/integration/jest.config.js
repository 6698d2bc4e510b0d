/** Tier 2: the AWS adapters against a real AWS-protocol server (moto), started and stopped by this run. */
module.exports = {
  rootDir: '../..',
  testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/offline-env.ts'],
  globalSetup: '<rootDir>/test/support/moto-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/moto-global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 30000,
};
