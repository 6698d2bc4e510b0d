import { isObject } from '../util/is-object';

/** Why a text is not an IAM policy document, if it is not one. */
export const policyDocumentProblem = (text: string): string | undefined => {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return `it is not JSON (${(error as Error).message})`;
  }
  if (!isObject(document)) return 'it is not a JSON object';
  const { Version, Statement } = document;
  if (Version !== undefined && Version !== '2012-10-17' && Version !== '2008-10-17')
    return `"Version" is ${JSON.stringify(Version)}; IAM knows "2012-10-17" (and the older "2008-10-17")`;
  if (Statement === undefined) return 'it has no "Statement"';
  const statements = Array.isArray(Statement) ? Statement : [Statement];
  if (statements.length === 0) return '"Statement" is empty';
  for (const [index, statement] of statements.entries()) {
    const where = `statement ${index + 1}`;
    if (!isObject(statement)) return `${where} is not an object`;
    const fields = statement;
    if (fields.Effect !== 'Allow' && fields.Effect !== 'Deny')
      return `${where} has "Effect" ${JSON.stringify(fields.Effect)}; it must be "Allow" or "Deny"`;
    if (('Action' in fields ? 1 : 0) + ('NotAction' in fields ? 1 : 0) !== 1)
      return `${where} must have exactly one of "Action" and "NotAction"`;
    if (('Resource' in fields ? 1 : 0) + ('NotResource' in fields ? 1 : 0) !== 1)
      return `${where} must have exactly one of "Resource" and "NotResource" (an identity policy names its resources)`;
    if ('Principal' in fields || 'NotPrincipal' in fields)
      return `${where} has a "Principal"; a policy attached to a role has none`;
  }
  return undefined;
};
