import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['lib/**', 'node_modules/**', 'coverage/**', 'test/e2e/.cli/**', '.sandbox/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  // The flows are split by job, and each folder keeps to its own. Readers (src/read) find facts and return
  // them: they never ask, apply or print (a Progress passed in is the host's spinner, not output of their
  // own). Askers (src/ask) gather input and ask, before anything is applied. Appliers (src/apply) carry out a
  // plan already made and return what they did, which the command prints. The pure rules (src/boundary,
  // src/compute-role) use none of them, and no I/O at all.
  {
    files: ['src/read/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ask/*', '**/apply/*'],
              message: 'A reader returns facts; asking and applying come after it, in the command.',
            },
            {
              group: ['**/host/io'],
              importNames: ['Printer', 'Io', 'Prompter'],
              message: 'A reader does not print or ask: return what it found, and let the command print it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ask/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apply/*'],
              message: 'Asking comes before applying: return the answers, and let the command apply the plan.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/apply/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/ask/*'], message: 'An applier carries out a plan already made: it never asks.' },
            {
              group: ['**/host/io'],
              importNames: ['Printer', 'Io', 'Prompter'],
              message: 'An applier returns what it did; the command prints it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/boundary/**/*.ts', 'src/compute-role/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/read/*', '**/ask/*', '**/apply/*', '**/aws/*', '**/project/*', '**/host/*', '**/events/*'],
              message:
                'Pure rules take plain values and return decisions: reading, asking, applying and I/O belong to the callers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
