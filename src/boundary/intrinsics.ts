import { isObject } from '../util/is-object';
/**
 * What a template gives a role as its PermissionsBoundary, with the intrinsics that matter resolved. The CLI
 * uploads its processed copy, so this is usually a literal ARN; custom and CDK templates often build one with
 * `Fn::Sub` over the partition and account, or take it from a parameter.
 */
export type TemplateBoundary =
  | { kind: 'none' }
  | { kind: 'value'; arn: string }
  /** An expression that cannot be resolved offline, shown as written. */
  | { kind: 'unresolved'; text: string };

/** What intrinsics may refer to: the stack's parameter values and the pseudo parameters of its account and region. */
export type IntrinsicScope = {
  parameters: Readonly<Record<string, string>>;
  partition: string;
  accountId: string;
  region: string;
};

const pseudo = (name: string, scope: IntrinsicScope): string | undefined => {
  switch (name) {
    case 'AWS::Partition':
      return scope.partition;
    case 'AWS::AccountId':
      return scope.accountId;
    case 'AWS::Region':
      return scope.region;
    default:
      return Object.hasOwn(scope.parameters, name) ? scope.parameters[name] : undefined;
  }
};

const sub = (template: unknown, variables: unknown, scope: IntrinsicScope): string | undefined => {
  if (typeof template !== 'string') return undefined;
  const local: Record<string, string> = {};
  if (variables !== undefined) {
    if (!isObject(variables)) return undefined;
    for (const [name, value] of Object.entries(variables)) {
      const resolved = toText(value, scope);
      if (resolved === undefined) return undefined;
      local[name] = resolved;
    }
  }
  let unresolved = false;
  // `${!Literal}` is how Fn::Sub escapes a dollar-brace; it stands for `${Literal}`.
  const text = template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const value = Object.hasOwn(local, name) ? local[name] : pseudo(name, scope);
    if (value === undefined) unresolved = true;
    return value ?? whole;
  });
  return unresolved ? undefined : text;
};

const join = (args: unknown, scope: IntrinsicScope): string | undefined => {
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string' || !Array.isArray(args[1]))
    return undefined;
  const parts = (args[1] as unknown[]).map((part) => toText(part, scope));
  return parts.every((part): part is string => part !== undefined) ? parts.join(args[0]) : undefined;
};

/** A value as a string, when it is a literal or an intrinsic this module resolves. */
const toText = (value: unknown, scope: IntrinsicScope): string | undefined => {
  if (typeof value === 'string') return value;
  if (!isObject(value) || Object.keys(value).length !== 1) return undefined;
  if ('Ref' in value) return typeof value.Ref === 'string' ? pseudo(value.Ref, scope) : undefined;
  if ('Fn::Sub' in value) {
    const args = value['Fn::Sub'];
    return Array.isArray(args) ? sub(args[0], args[1], scope) : sub(args, undefined, scope);
  }
  if ('Fn::Join' in value) return join(value['Fn::Join'], scope);
  return undefined;
};

/** Resolves a role's `PermissionsBoundary` property; `""` and `AWS::NoValue` mean the role gets none. */
export const resolveTemplateBoundary = (value: unknown, scope: IntrinsicScope): TemplateBoundary => {
  if (value === undefined || value === null || value === '') return { kind: 'none' };
  if (isObject(value) && value.Ref === 'AWS::NoValue') return { kind: 'none' };
  const text = toText(value, scope);
  if (text === undefined) return { kind: 'unresolved', text: JSON.stringify(value) };
  return text === '' ? { kind: 'none' } : { kind: 'value', arn: text };
};

/** How a template boundary reads in a report. */
export const showTemplateBoundary = (boundary: TemplateBoundary): string =>
  boundary.kind === 'none' ? '(none)' : boundary.kind === 'value' ? boundary.arn : boundary.text;
