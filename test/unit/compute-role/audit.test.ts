import fc from 'fast-check';
import {
  findBuildSpecWrites,
  findCredentials,
  fixableVariables,
  mask,
  withoutVariables,
  type AuditTarget,
  type Finding,
} from '../../../src/compute-role/audit';

// AWS's documented example keys: shaped like real ones, valid nowhere.
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const TEMP_KEY_ID = 'ASIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const branch = (variables: Record<string, string>, buildSpec?: string): AuditTarget => ({
  scope: 'branch',
  branch: 'main',
  variables,
  buildSpec,
});
const app = (variables: Record<string, string>, buildSpec?: string): AuditTarget => ({
  scope: 'app',
  variables,
  buildSpec,
});

const byVariable = (findings: Finding[]): Record<string, string> =>
  Object.fromEntries(findings.map((finding) => [finding.variable, finding.kind]));

describe('findCredentials', () => {
  it.each(['MY_ACCESS_KEY_ID', 'APP_SECRET_ACCESS_KEY', 'NEXT_SECRET_KEY', 'S3_SESSION_TOKEN', 'ACCESS_KEY_ID'])(
    'finds %s by its name, whatever its value',
    (variable) => {
      expect(findCredentials(branch({ [variable]: 'something' }))).toEqual([
        { scope: 'branch', branch: 'main', variable, kind: 'credential-name', masked: '*****hing' },
      ]);
    },
  );

  it.each([KEY_ID, TEMP_KEY_ID])('finds an access key id value %s under any name', (value) => {
    expect(findCredentials(app({ UPLOADS_USER: value }))).toEqual([
      { scope: 'app', branch: null, variable: 'UPLOADS_USER', kind: 'access-key-id', masked: `${'*'.repeat(16)}MPLE` },
    ]);
  });

  it('does not take a value of the wrong length or prefix for an access key id', () => {
    expect(findCredentials(app({ A: `${KEY_ID}X`, B: KEY_ID.slice(0, 19), C: 'AKIDIOSFODNN7EXAMPLE' }))).toEqual([]);
  });

  it('counts a 40-character secret-like value beside a variable named like an access key id', () => {
    const findings = findCredentials(branch({ MY_ACCESS_KEY_ID: KEY_ID, UPLOAD_PASS: SECRET }));
    expect(byVariable(findings)).toEqual({ MY_ACCESS_KEY_ID: 'access-key-id', UPLOAD_PASS: 'secret-beside-key' });
  });

  it('counts a 40-character secret-like value beside an AKIA value under an ordinary name', () => {
    expect(byVariable(findCredentials(branch({ KEY: KEY_ID, PASS: SECRET })))).toEqual({
      KEY: 'access-key-id',
      PASS: 'secret-beside-key',
    });
  });

  it('does not count a 40-character secret-like value on its own', () => {
    expect(findCredentials(branch({ BUILD_HASH: SECRET }))).toEqual([]);
  });

  it('does not count a 40-character value beside a session token only', () => {
    expect(byVariable(findCredentials(branch({ MY_SESSION_TOKEN: 'token', PASS: SECRET })))).toEqual({
      MY_SESSION_TOKEN: 'credential-name',
    });
  });

  it('reports a secret named like a secret key once, as a credential name', () => {
    expect(byVariable(findCredentials(branch({ MY_ACCESS_KEY_ID: KEY_ID, MY_SECRET_ACCESS_KEY: SECRET })))).toEqual({
      MY_ACCESS_KEY_ID: 'access-key-id',
      MY_SECRET_ACCESS_KEY: 'credential-name',
    });
  });

  it('ignores ordinary variables', () => {
    expect(
      findCredentials(
        app({
          NEXT_PUBLIC_API_URL: 'https://api.example.com',
          NODE_ENV: 'production',
          KEY_ID_PREFIX: 'abc',
          ACCESS_KEY_ID_ROTATION: 'daily',
          AMPLIFY_MONOREPO_APP_ROOT: 'apps/web',
        }),
      ),
    ).toEqual([]);
  });

  it('never keeps a value, only its masked form', () => {
    const findings = findCredentials(branch({ MY_ACCESS_KEY_ID: KEY_ID, PASS: SECRET }));
    const text = JSON.stringify(findings);
    expect(text).not.toContain(KEY_ID);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SECRET.slice(0, 36));
  });
});

describe('mask', () => {
  it('keeps only the last 4 characters', () => {
    expect(mask(KEY_ID)).toBe('****************MPLE');
    expect(mask('abcde')).toBe('*bcde');
  });

  it('masks a value of 4 characters or fewer whole', () => {
    expect(mask('abcd')).toBe('****');
    expect(mask('ab')).toBe('**');
    expect(mask('')).toBe('');
  });

  it('keeps the length of the value', () => {
    fc.assert(fc.property(fc.string(), (value) => expect(mask(value)).toHaveLength(value.length)));
  });
});

describe('masked findings (property)', () => {
  const names = fc.constantFrom('MY_ACCESS_KEY_ID', 'NEXT_SECRET_KEY', 'APP_SESSION_TOKEN', 'PLAIN', 'OTHER', 'KEY');
  const values = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.stringMatching(/^(AKIA|ASIA)[A-Z0-9]{16}$/),
    fc.stringMatching(/^[A-Za-z0-9/+=]{40}$/),
  );

  it('shows no more than the last 4 characters of any value', () => {
    fc.assert(
      fc.property(fc.dictionary(names, values), (variables) => {
        for (const finding of findCredentials(branch(variables))) {
          const value = variables[finding.variable];
          const visible = finding.masked.replace(/^\*+/, '');
          expect(finding.masked).toHaveLength(value.length);
          expect(visible.length).toBeLessThanOrEqual(4);
          expect(value.endsWith(visible)).toBe(true);
          if (value.length <= 4) expect(finding.masked).toBe('*'.repeat(value.length));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('findBuildSpecWrites', () => {
  const spec = (...lines: string[]) => lines.join('\n');

  it('finds echo "$X" >> .env.production with its 1-based line number', () => {
    const buildSpec = spec(
      'version: 1',
      'frontend:',
      '  phases:',
      '    build:',
      '      commands:',
      '        - echo "MY_ACCESS_KEY_ID=$MY_ACCESS_KEY_ID" >> .env.production',
    );
    expect(findBuildSpecWrites(branch({}, buildSpec), [])).toEqual([
      {
        scope: 'branch',
        branch: 'main',
        line: 6,
        text: '- echo "MY_ACCESS_KEY_ID=$MY_ACCESS_KEY_ID" >> .env.production',
      },
    ]);
  });

  it('finds env | grep … > .env', () => {
    expect(findBuildSpecWrites(app({}, spec('- env | grep -e SECRET_KEY > .env')), [])).toEqual([
      { scope: 'app', branch: null, line: 1, text: '- env | grep -e SECRET_KEY > .env' },
    ]);
  });

  it('finds tee -a .env.local', () => {
    const writes = findBuildSpecWrites(app({}, spec('build:', '  - echo "$NEXT_SECRET_KEY" | tee -a .env.local')), []);
    expect(writes.map((write) => write.line)).toEqual([2]);
  });

  it('finds ${VAR} writes into a .env file in a sub-folder', () => {
    expect(findBuildSpecWrites(app({}, '- echo "K=${MY_SECRET_KEY}" >> apps/web/.env'), [])).toHaveLength(1);
  });

  it('ignores lines that write no .env file', () => {
    expect(
      findBuildSpecWrites(
        app(
          {},
          spec(
            '- echo "$MY_ACCESS_KEY_ID" >> config.txt',
            '- env | grep NEXT_ > build.log',
            '- npm run build',
            '- cp .env.example .env.local',
          ),
        ),
        ['MY_ACCESS_KEY_ID'],
      ),
    ).toEqual([]);
  });

  it('ignores copying public variables into .env where no credentials were found (the documented Next.js recipe)', () => {
    expect(findBuildSpecWrites(app({}, '- env | grep -e NEXT_PUBLIC_ >> .env.production'), [])).toEqual([]);
  });

  it('finds copying the environment into .env where credential variables were found', () => {
    expect(findBuildSpecWrites(app({}, '- env | grep -e MY_ >> .env.production'), ['MY_ACCESS_KEY_ID'])).toHaveLength(
      1,
    );
  });

  it('masks a key written literally into the line', () => {
    const [write] = findBuildSpecWrites(
      app({}, '- echo "K=AKIAIOSFODNN7EXAMPLE S=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" >> .env'),
      [],
    );
    expect(write?.text).toBe(`- echo "K=${'*'.repeat(16)}MPLE S=${'*'.repeat(36)}EKEY" >> .env`);
  });

  it('finds nothing without a build spec', () => {
    expect(findBuildSpecWrites(app({}), [])).toEqual([]);
  });
});

describe('fixableVariables', () => {
  it('keeps the variables matched by name or by an AKIA/ASIA value, never a secret matched only by shape', () => {
    const findings = findCredentials(
      branch({ KEY: KEY_ID, PASS: SECRET, APP_SECRET_KEY: 'x', TEMP: TEMP_KEY_ID, NODE_ENV: 'production' }),
    );
    expect(fixableVariables(findings).sort()).toEqual(['APP_SECRET_KEY', 'KEY', 'TEMP']);
  });

  it('is empty without findings', () => {
    expect(fixableVariables([])).toEqual([]);
  });
});

describe('withoutVariables', () => {
  it('returns the whole map without the removed names, leaving the input untouched', () => {
    const variables = { KEY: KEY_ID, NODE_ENV: 'production', PASS: SECRET };
    expect(withoutVariables(variables, ['KEY', 'PASS'])).toEqual({ NODE_ENV: 'production' });
    expect(variables).toEqual({ KEY: KEY_ID, NODE_ENV: 'production', PASS: SECRET });
  });

  it('ignores names that are not there', () => {
    expect(withoutVariables({ A: '1' }, ['B'])).toEqual({ A: '1' });
  });
});
