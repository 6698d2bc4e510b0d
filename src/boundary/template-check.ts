import { isObject } from '../util/is-object';
import { parseTemplateText } from './template-text';

/** A role in a template about to be deployed that will not get the env's boundary. */
export type TemplateFinding =
  | { kind: 'other-boundary'; file: string; logicalId: string; boundary: string }
  | { kind: 'no-boundary'; file: string; logicalId: string; written: string }
  | { kind: 'unreadable'; file: string; reason: string };

/**
 * The roles of one template (its text as written) that set a boundary of their own: a literal ARN other than the
 * env's, or none at all (`""`, `AWS::NoValue`). Expressions are left alone: what they give is known only at deploy.
 */
export const checkTemplateText = async (file: string, text: string, expected: string): Promise<TemplateFinding[]> => {
  let template: unknown;
  try {
    template = await parseTemplateText(text);
  } catch (error) {
    return [
      { kind: 'unreadable', file, reason: error instanceof Error ? error.message.split('\n')[0] : String(error) },
    ];
  }
  if (!isObject(template)) return [{ kind: 'unreadable', file, reason: 'it is not a CloudFormation template object' }];
  const resources = isObject(template.Resources) ? template.Resources : {};
  const findings: TemplateFinding[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource) || resource.Type !== 'AWS::IAM::Role' || !isObject(resource.Properties)) continue;
    const boundary = resource.Properties.PermissionsBoundary;
    if (boundary === '') findings.push({ kind: 'no-boundary', file, logicalId, written: '""' });
    else if (isObject(boundary) && boundary.Ref === 'AWS::NoValue')
      findings.push({ kind: 'no-boundary', file, logicalId, written: '{"Ref": "AWS::NoValue"}' });
    else if (typeof boundary === 'string' && boundary !== expected)
      findings.push({ kind: 'other-boundary', file, logicalId, boundary });
  }
  return findings;
};

/** What PrePush says of the findings: warnings, and the reason to stop when a boundary is required. */
export type TemplateVerdict = { warnings: string[]; stop?: string };

/**
 * Warnings for every finding. A role deployed without any boundary stops the push when one is required; another
 * literal boundary stays a warning even then, since a stricter boundary is legitimate.
 */
export const judgeTemplateFindings = (
  findings: readonly TemplateFinding[],
  expected: string,
  required: boolean,
): TemplateVerdict => {
  const lines = findings.map((finding) => {
    switch (finding.kind) {
      case 'other-boundary':
        return `${finding.file}: role ${finding.logicalId} sets its own permissions boundary ${finding.boundary}, not the env's ${expected}; the CLI keeps a boundary a template sets.`;
      case 'no-boundary':
        return `${finding.file}: role ${finding.logicalId} sets PermissionsBoundary to ${finding.written}, so it would deploy without the env's boundary ${expected}.`;
      case 'unreadable':
        return `${finding.file} could not be read as a CloudFormation template (${finding.reason}); its roles were not checked.`;
    }
  });
  const stripped = findings.filter((finding) => finding.kind === 'no-boundary');
  if (required && stripped.length > 0) {
    return {
      warnings: lines.filter((_, index) => findings[index].kind !== 'no-boundary'),
      stop: lines.filter((_, index) => findings[index].kind === 'no-boundary').join(' '),
    };
  }
  return { warnings: lines };
};
