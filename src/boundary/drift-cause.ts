import { showTemplateBoundary, type TemplateBoundary } from './intrinsics';
import type { RoleStatus } from './role-status';

/** Why a role is not `ok`; each cause has its own fix, since `amplify push --force` repairs only some. */
export type DriftCause =
  | 'changed-outside'
  | 'not-pushed'
  | 'template-sets-other'
  | 'template-lacks'
  | 'not-found'
  | 'unknown'
  | 'compute-role';

/** Every cause, in the order reports list them. */
export const DRIFT_CAUSES: readonly DriftCause[] = [
  'changed-outside',
  'not-pushed',
  'template-sets-other',
  'template-lacks',
  'not-found',
  'unknown',
  'compute-role',
];

/** The deployed template's boundary for a role, or why it could not be read. */
export type TemplateReading = TemplateBoundary | { kind: 'unreadable'; reason: string };

/** What is known of one role that is not `ok`. */
export type CauseInput = {
  status: RoleStatus;
  /** The env's compute role, which belongs to no stack. */
  computeRole: boolean;
  /** E: the env's boundary (`''`: none on purpose). */
  expected: string;
  /** T: what the deployed template gives the role; undefined when it was not read. */
  template?: TemplateReading;
  /** P: the env's boundary at its last deployment (`null`: none; undefined: not known). */
  previous?: string | null;
};

/**
 * The one cause of a role that is not `ok`, from E (expected), T (template) and P (last deployment). CloudFormation
 * compares templates, not live roles, so when T already says E the role was changed outside it; when T is the old
 * value the env was changed after the last push; any other T was written by the template's author.
 */
export const decideCause = (input: CauseInput): DriftCause => {
  if (input.status === 'not-found') return 'not-found';
  if (input.computeRole) return 'compute-role';
  const { template } = input;
  if (template === undefined || template.kind === 'unreadable') return 'unknown';
  if (template.kind === 'unresolved') return 'template-sets-other';
  const expected = input.expected === '' ? null : input.expected;
  const given = template.kind === 'value' ? template.arn : null;
  if (given === expected) return 'changed-outside';
  if (given !== null) return given === input.previous ? 'not-pushed' : 'template-sets-other';
  // The template gives none though E is set: the env got its boundary after this stack was last deployed, or the
  // CLI's boundary step never reached this template (it had the boundary then, and still left this role without).
  return input.previous === null || input.previous === undefined ? 'not-pushed' : 'template-lacks';
};

/** What the fix line of a role needs besides its cause. */
export type FixContext = {
  env: string;
  expected: string;
  /** Whether the env is the checked-out one (a push deploys only that env). */
  current: boolean;
  source?: string;
  template?: TemplateReading;
};

const push = (context: FixContext): string =>
  context.current ? '`amplify push --force`' : `\`amplify env checkout ${context.env}\` then \`amplify push --force\``;

/** One line: what really repairs a role with this cause. */
export const fixFor = (cause: DriftCause, context: FixContext): string => {
  const verifyFix = `\`amplify boundary verify --env ${context.env} --fix\``;
  const where = context.source ? ` in ${context.source}` : '';
  switch (cause) {
    case 'changed-outside':
      return context.expected === ''
        ? 'A boundary was put on this role outside CloudFormation although the env has none on purpose; reported only, since this plugin never removes or weakens a boundary.'
        : `Its boundary was changed outside CloudFormation, which no push repairs: run ${verifyFix}.`;
    case 'not-pushed':
      return `The env's boundary changed after this stack was last deployed: run ${push(context)} so the CLI rewrites every template with it.`;
    case 'template-sets-other':
      return `The template sets its own boundary (${context.template && context.template.kind !== 'unreadable' ? showTemplateBoundary(context.template) : 'unknown'}), which the CLI never overrides: edit it${where}. --fix leaves this role alone.`;
    case 'template-lacks':
      return `The CLI's boundary step did not reach this template: run ${verifyFix} now and after any deployment that replaces the role, and add the boundary to the template or override${where}.`;
    case 'not-found':
      return 'The role was deleted outside CloudFormation; reported only, never repaired.';
    case 'unknown':
      return `The deployed template could not be read (${context.template?.kind === 'unreadable' ? context.template.reason : 'not read'}); allow cloudformation:GetTemplate and cloudformation:DescribeStacks, then verify again.`;
    case 'compute-role':
      return `Run \`amplify compute-role attach --env ${context.env}\`: it re-applies the env's boundary to a compute role this plugin created; any other role is reported only.`;
  }
};
