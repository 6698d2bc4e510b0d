/** An env's entry in `amplify/.config/local-aws-info.json`, as the CLI writes it. */
export type LocalAwsEntry = {
  configLevel?: string;
  useProfile?: boolean;
  profileName?: string;
  awsConfigFilePath?: string;
};

/** The keys of one profile (the entry's `profileName`), from ~/.aws/config and ~/.aws/credentials merged. */
export type ProfileSection = Readonly<Record<string, string | undefined>>;

/** Where an env's credentials come from, cheapest safe way first. */
export type CredentialSource =
  /** The SDK's default chain (environment, shared profile, SSO, container or instance role), as the CLI does. */
  | { kind: 'default-chain' }
  /** A shared profile the SDK can read by itself: static keys or `credential_process`. */
  | { kind: 'profile'; profile: string; via: 'ini' | 'process' }
  /** The JSON keys file the CLI stored for the env. */
  | { kind: 'keys-file'; file: string }
  /** Everything else goes through the CLI's own provider, which assumes roles, caches them and asks for MFA. */
  | { kind: 'cli-provider'; reason: string };

// Profiles the CLI resolves itself (assumed roles it caches, MFA it asks for, SSO logins): loading them here
// could prompt twice or miss the CLI's cache, so they go through its provider.
const CLI_ONLY_KEYS = ['role_arn', 'mfa_serial', 'source_profile', 'credential_source', 'web_identity_token_file'];

/**
 * Picks how to get an env's credentials without starting the CLI's AWS provider (about a second of start-up)
 * wherever that gives the same credentials the CLI would use.
 */
export const credentialSource = (
  entry: LocalAwsEntry | undefined,
  section: ProfileSection | undefined,
): CredentialSource => {
  if (!entry || entry.configLevel === 'general') return { kind: 'default-chain' };
  if (entry.configLevel !== undefined && entry.configLevel !== 'project') {
    return { kind: 'cli-provider', reason: `configLevel "${entry.configLevel}"` };
  }
  if (entry.useProfile && entry.profileName) {
    if (!section) return { kind: 'cli-provider', reason: `profile "${entry.profileName}" not found` };
    const cliOnly = Object.keys(section).find((key) => CLI_ONLY_KEYS.includes(key) || key.startsWith('sso_'));
    if (cliOnly) return { kind: 'cli-provider', reason: `profile "${entry.profileName}" uses ${cliOnly}` };
    if (section.aws_access_key_id && section.aws_secret_access_key) {
      return { kind: 'profile', profile: entry.profileName, via: 'ini' };
    }
    if (section.credential_process) return { kind: 'profile', profile: entry.profileName, via: 'process' };
    return { kind: 'cli-provider', reason: `profile "${entry.profileName}" holds no keys the plugin can read` };
  }
  if (!entry.useProfile && entry.awsConfigFilePath) return { kind: 'keys-file', file: entry.awsConfigFilePath };
  return { kind: 'cli-provider', reason: 'an entry of unknown shape' };
};
