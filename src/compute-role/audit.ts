/** Where an environment variable lives: the app (all branches) or one branch. */
export type VariableScope = { scope: 'app' } | { scope: 'branch'; branch: string };

/** An app's or branch's environment variables and build spec, as the audit reads them. */
export type AuditTarget = VariableScope & { variables: Readonly<Record<string, string>>; buildSpec?: string };

/** Why a variable is a finding. */
export type FindingKind = 'credential-name' | 'access-key-id' | 'secret-beside-key';

/** One finding (also its JSON shape); the value is never kept, only its masked form. */
export type Finding = {
  scope: 'app' | 'branch';
  branch: string | null;
  variable: string;
  kind: FindingKind;
  masked: string;
};

/** A build spec line that writes variables into a `.env*` file. */
export type BuildSpecWrite = { scope: 'app' | 'branch'; branch: string | null; line: number; text: string };

// Amplify Hosting forbids names starting with "AWS", so users rename them; these suffixes remain.
const CREDENTIAL_NAME = /(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SECRET_KEY|SESSION_TOKEN)$/i;
const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
const SECRET_LIKE = /^[A-Za-z0-9/+=]{40}$/;
const ENV_FILE_WRITE = /(>>?|\btee\b(\s+-a)?)\s*["']?\S*\.env[\w.-]*/;

/** All but the last 4 characters replaced by '*' (a value of 4 or fewer characters is masked whole). */
export const mask = (value: string): string =>
  value.length <= 4 ? '*'.repeat(value.length) : `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;

const branchOf = (target: VariableScope): string | null => (target.scope === 'branch' ? target.branch : null);

/**
 * The variables of one app or branch that hold static AWS credentials: by name, by an access key id's shape, or a
 * secret-shaped value beside a key (alone, a 40-character value is too often something else).
 */
export const findCredentials = (target: AuditTarget): Finding[] => {
  const entries = Object.entries(target.variables);
  const base = { scope: target.scope, branch: branchOf(target) };
  const direct = entries.flatMap(([variable, value]): Finding[] => {
    if (ACCESS_KEY_ID.test(value)) return [{ ...base, variable, kind: 'access-key-id', masked: mask(value) }];
    if (CREDENTIAL_NAME.test(variable)) return [{ ...base, variable, kind: 'credential-name', masked: mask(value) }];
    return [];
  });
  const beside = direct.some((finding) => finding.kind === 'access-key-id' || /ACCESS_KEY_ID$/i.test(finding.variable));
  const secrets = beside
    ? entries
        .filter(
          ([variable, value]) => SECRET_LIKE.test(value) && !direct.some((finding) => finding.variable === variable),
        )
        .map(([variable, value]): Finding => ({ ...base, variable, kind: 'secret-beside-key', masked: mask(value) }))
    : [];
  return [...direct, ...secrets];
};

const LITERAL_KEY_ID = /(AKIA|ASIA)[A-Z0-9]{16}/g;
const LITERAL_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g;
const READS_ENVIRONMENT = /\b(env|printenv)\b/;
const CREDENTIAL_WORD = /[A-Za-z0-9_]*(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SECRET_KEY|SESSION_TOKEN)\b/i;

/** A build spec line with any key id or secret-shaped value written into it masked. */
const maskLine = (text: string): string => text.replace(LITERAL_KEY_ID, mask).replace(LITERAL_SECRET, mask);

/**
 * Build spec lines that write credentials into `.env*` files (how the keys reached the server): a line that
 * writes to a .env file and names a credential variable or one of `flagged`, holds a key itself, or copies
 * the environment (`env | grep … >> .env…`) where credential variables were found. The text comes back
 * with any key or secret in it masked.
 */
export const findBuildSpecWrites = (target: AuditTarget, flagged: readonly string[]): BuildSpecWrite[] =>
  (target.buildSpec ?? '').split('\n').flatMap((text, index) => {
    const credentials =
      CREDENTIAL_WORD.test(text) ||
      new RegExp(LITERAL_KEY_ID.source).test(text) ||
      flagged.some((name) => text.includes(name)) ||
      (flagged.length > 0 && READS_ENVIRONMENT.test(text));
    return ENV_FILE_WRITE.test(text) && credentials
      ? [{ scope: target.scope, branch: branchOf(target), line: index + 1, text: maskLine(text.trim()) }]
      : [];
  });

/** The variables `--fix` removes: matched by name or by an AKIA/ASIA value — never a secret matched only by shape. */
export const fixableVariables = (findings: readonly Finding[]): string[] =>
  findings.filter((finding) => finding.kind !== 'secret-beside-key').map((finding) => finding.variable);

/** The variables left after removing some, as UpdateApp/UpdateBranch take them (the whole map). */
export const withoutVariables = (
  variables: Readonly<Record<string, string>>,
  remove: readonly string[],
): Record<string, string> => Object.fromEntries(Object.entries(variables).filter(([name]) => !remove.includes(name)));
