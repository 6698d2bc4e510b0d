import { policyNameProblem, policyPathProblem } from '../boundary/arn';
import { GuardError } from '../errors';
import { isObject } from '../util/is-object';
import { readJsonDocument, updateJsonFile, type JsonObject } from './json-file';
import type { ProjectPaths } from './paths';

/**
 * The compute role the plugin keeps attached to an env's hosting branch or app; `attachedAt` (ISO time, absent
 * in files of earlier versions) is when the plugin set it, to tell a role in effect from one awaiting a deployment.
 */
export type ComputeRoleSetting = { roleArn: string; branch?: string; scope: 'branch' | 'app'; attachedAt?: string };

/** `amplify/iam-guard.json`, with defaults filled in. */
export type GuardConfig = {
  boundary: { policyName?: string; policyPath: string; required: boolean };
  environments: Record<string, { computeRole?: ComputeRoleSetting }>;
};

/** The settings of a project without `amplify/iam-guard.json`. */
export const DEFAULT_CONFIG: GuardConfig = { boundary: { policyPath: '/', required: false }, environments: {} };

const invalid = (file: string, key: string, value: unknown, expected: string): GuardError =>
  new GuardError('ConfigurationError', {
    message: `${file}: "${key}" is ${JSON.stringify(value)}, but it must be ${expected}.`,
    resolution: `Correct "${key}" in ${file} (or remove the key to use the default); the file was not changed.`,
  });

const optional = <T>(
  file: string,
  object: JsonObject,
  key: string,
  where: string,
  accept: (value: unknown) => value is T,
  expected: string,
): T | undefined => {
  const value = object[key];
  if (value === undefined) return undefined;
  if (!accept(value)) throw invalid(file, `${where}${key}`, value, expected);
  return value;
};

const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isScope = (value: unknown): value is 'branch' | 'app' => value === 'branch' || value === 'app';
const isTime = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

const parseBoundary = (file: string, raw: unknown): GuardConfig['boundary'] => {
  if (raw === undefined) return DEFAULT_CONFIG.boundary;
  if (!isObject(raw)) throw invalid(file, 'boundary', raw, 'an object');
  const policyName = optional(file, raw, 'policyName', 'boundary.', isString, 'a policy name string');
  const policyPath = optional(file, raw, 'policyPath', 'boundary.', isString, 'a path string like "/org/"') ?? '/';
  const required = optional(file, raw, 'required', 'boundary.', isBoolean, 'true or false') ?? false;
  const pathProblem = policyPathProblem(policyPath);
  if (pathProblem) throw invalid(file, 'boundary.policyPath', policyPath, `an IAM path like "/org/" (${pathProblem})`);
  const nameProblem = policyName === undefined ? undefined : policyNameProblem(policyName);
  if (nameProblem) throw invalid(file, 'boundary.policyName', policyName, `an IAM policy name (${nameProblem})`);
  return { policyName, policyPath, required };
};

const parseEnvironments = (file: string, raw: unknown): GuardConfig['environments'] => {
  if (raw === undefined) return {};
  if (!isObject(raw)) throw invalid(file, 'environments', raw, 'an object keyed by env name');
  const environments: GuardConfig['environments'] = {};
  for (const [env, settings] of Object.entries(raw)) {
    if (!isObject(settings)) throw invalid(file, `environments.${env}`, settings, 'an object');
    const role = settings.computeRole;
    if (role === undefined) {
      environments[env] = {};
      continue;
    }
    const where = `environments.${env}.computeRole`;
    if (!isObject(role)) throw invalid(file, where, role, 'an object with "roleArn"');
    const roleArn = optional(file, role, 'roleArn', `${where}.`, isString, 'an IAM role ARN');
    if (roleArn === undefined) throw invalid(file, `${where}.roleArn`, roleArn, 'an IAM role ARN');
    const branch = optional(file, role, 'branch', `${where}.`, isString, 'a branch name');
    const scope = optional(file, role, 'scope', `${where}.`, isScope, '"branch" or "app"') ?? 'branch';
    const attachedAt = optional(
      file,
      role,
      'attachedAt',
      `${where}.`,
      isTime,
      'an ISO time like "2026-01-31T12:00:00.000Z"',
    );
    environments[env] = { computeRole: { roleArn, branch, scope, ...(attachedAt ? { attachedAt } : {}) } };
  }
  return environments;
};

/** Checks a parsed iam-guard.json and fills in defaults; every problem names the key, value and fix. */
export const parseGuardConfig = (file: string, value: JsonObject): GuardConfig => ({
  boundary: parseBoundary(file, value.boundary),
  environments: parseEnvironments(file, value.environments),
});

/** Reads `amplify/iam-guard.json`; an absent file means all defaults. */
export const readGuardConfig = async (paths: ProjectPaths): Promise<GuardConfig> => {
  const document = await readJsonDocument(paths.guardConfig);
  return document ? parseGuardConfig(paths.guardConfig, document.value) : DEFAULT_CONFIG;
};

/** Records the boundary policy name new envs inherit, keeping every other key of the file. */
export const writePolicyName = async (paths: ProjectPaths, policyName: string, policyPath: string): Promise<boolean> =>
  updateJsonFile(
    paths.guardConfig,
    (value) => {
      const boundary = isObject(value.boundary) ? value.boundary : (value.boundary = {});
      boundary.policyName = policyName;
      if (policyPath === '/') delete boundary.policyPath;
      else boundary.policyPath = policyPath;
    },
    { createIfMissing: true, lockFile: paths.lock },
  );

/** Records (or, with undefined, forgets) the compute role of an env, keeping every other key of the file. */
export const writeComputeRole = async (
  paths: ProjectPaths,
  env: string,
  setting: ComputeRoleSetting | undefined,
): Promise<boolean> =>
  updateJsonFile(
    paths.guardConfig,
    (value) => {
      const environments = isObject(value.environments) ? value.environments : (value.environments = {});
      const entry = isObject(environments[env]) ? environments[env] : (environments[env] = {});
      if (setting) {
        entry.computeRole = {
          roleArn: setting.roleArn,
          ...(setting.scope === 'app' ? { scope: 'app' } : setting.branch ? { branch: setting.branch } : {}),
          ...(setting.attachedAt ? { attachedAt: setting.attachedAt } : {}),
        };
        return;
      }
      delete entry.computeRole;
      if (Object.keys(entry).length === 0) delete environments[env];
      if (Object.keys(environments).length === 0) delete value.environments;
    },
    { createIfMissing: setting !== undefined, lockFile: paths.lock },
  );
