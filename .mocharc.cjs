// One mocha run covers every package: unit tests beside their code, cross-package tests in tests/.
module.exports = {
  'node-option': ['import=tsx'],
  spec: [
    'server/src/**/*.test.ts',
    'agent/src/**/*.test.ts',
    'policy-templates/src/**/*.test.ts',
    'tests/**/*.test.ts',
  ],
  require: ['tests/support/root-hooks.ts'],
  reporter: 'scripts/summary-reporter.cjs',
  timeout: 30000,
  exit: true,
};
