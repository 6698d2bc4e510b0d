import { checkTemplateText, judgeTemplateFindings } from '../boundary/template-check';
import { GuardError } from '../errors';
import type { Printer } from '../host/io';
import type { ProjectPaths } from '../project/paths';
import { readSourceTemplates } from '../project/templates';

/**
 * Before a push, reads the templates the CLI will deploy as written and warns about roles that will not get the
 * env's boundary (the CLI keeps a boundary a template sets). A role set to deploy with none stops the push when a
 * boundary is required. Makes no AWS call.
 */
export const checkSourceTemplates = async (
  paths: ProjectPaths,
  env: string,
  expected: string,
  required: boolean,
  print: () => Promise<Printer>,
): Promise<void> => {
  const templates = await readSourceTemplates(paths);
  const perTemplate = await Promise.all(
    templates.map((template) =>
      'error' in template
        ? Promise.resolve([{ kind: 'unreadable' as const, file: template.file, reason: template.error }])
        : checkTemplateText(template.file, template.text, expected),
    ),
  );
  const findings = perTemplate.flat();
  if (findings.length === 0) return;
  const verdict = judgeTemplateFindings(findings, expected, required);
  if (verdict.warnings.length > 0) {
    const printer = await print();
    for (const warning of verdict.warnings) printer.warn(`amplify-iam-guard: ${warning}`);
  }
  if (verdict.stop) {
    throw new GuardError('InputValidationError', {
      message: `The push was stopped before deploying anything: amplify/iam-guard.json requires a permissions boundary on every role of env "${env}". ${verdict.stop}`,
      resolution: `Remove that PermissionsBoundary from the template (the CLI then gives the role ${expected}), or set the boundary there, then push again.`,
    });
  }
};
