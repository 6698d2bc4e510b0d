import { checkTemplateText, judgeTemplateFindings } from '../boundary/template-check';
import { GuardError } from '../errors';
import type { ProjectPaths } from '../project/paths';
import { readSourceTemplates } from '../project/templates';

/** What the templates of a push say: warnings to print, and the error that stops the push, if one must. */
export type TemplateCheck = { warnings: string[]; stop?: GuardError };

/**
 * Before a push, reads the templates the CLI will deploy as written and finds roles that will not get the
 * env's boundary (the CLI keeps a boundary a template sets). A role set to deploy with none stops the push when a
 * boundary is required. Makes no AWS call.
 */
export const checkSourceTemplates = async (
  paths: ProjectPaths,
  env: string,
  expected: string,
  required: boolean,
): Promise<TemplateCheck> => {
  const templates = await readSourceTemplates(paths);
  const perTemplate = await Promise.all(
    templates.map((template) =>
      'error' in template
        ? Promise.resolve([{ kind: 'unreadable' as const, file: template.file, reason: template.error }])
        : checkTemplateText(template.file, template.text, expected),
    ),
  );
  const findings = perTemplate.flat();
  if (findings.length === 0) return { warnings: [] };
  const verdict = judgeTemplateFindings(findings, expected, required);
  const warnings = verdict.warnings.map((warning) => `amplify-iam-guard: ${warning}`);
  if (verdict.stop) {
    const stop = new GuardError('InputValidationError', {
      message: `The push was stopped before deploying anything: amplify/iam-guard.json requires a permissions boundary on every role of env "${env}". ${verdict.stop}`,
      resolution: `Remove that PermissionsBoundary from the template (the CLI then gives the role ${expected}), or set the boundary there, then push again.`,
    });
    return { warnings, stop };
  }
  return { warnings };
};
