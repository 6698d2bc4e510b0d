import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Keeps the given files from importing modules of these src folders, whether statically or lazily
 * (`await import(...)`, which no-restricted-imports does not see); with `printing`, also from the printer,
 * the prompter and the Io of `host/io`.
 */
const keepOut = (files, folders, message, { printing } = {}) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: folders.map((folder) => `**/${folder}/*`), message },
          ...(printing
            ? [{ group: ['**/host/io'], importNames: ['Printer', 'Io', 'Prompter'], message: printing }]
            : []),
        ],
      },
    ],
    'no-restricted-syntax': [
      'error',
      { selector: `ImportExpression[source.value=/(^|\\/)(${folders.join('|')})\\//]`, message },
    ],
  },
});

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
  keepOut(
    ['src/read/**/*.ts'],
    ['ask', 'apply'],
    'A reader returns facts; asking and applying come after it, in the command.',
    {
      printing: 'A reader does not print or ask: return what it found, and let the command print it.',
    },
  ),
  keepOut(
    ['src/ask/**/*.ts'],
    ['apply'],
    'Asking comes before applying: return the answers, and let the command apply the plan.',
  ),
  keepOut(['src/apply/**/*.ts'], ['ask'], 'An applier carries out a plan already made: it never asks.', {
    printing: 'An applier returns what it did; the command prints it.',
  }),
  keepOut(
    ['src/boundary/**/*.ts', 'src/compute-role/**/*.ts'],
    ['read', 'ask', 'apply', 'aws', 'project', 'host', 'events'],
    'Pure rules take plain values and return decisions: reading, asking, applying and I/O belong to the callers.',
  ),
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
