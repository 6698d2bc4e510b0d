/** An IAM role ARN in its parts: `arn:<partition>:iam::<account>:role/<path/>name`. */
export type RoleArn = { partition: string; account: string; name: string };

const ROLE_ARN = /^arn:([a-z-]+):iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([A-Za-z0-9+=,.@_-]{1,64})$/;

/** Parses a role ARN; undefined for anything that is not one. */
export const parseRoleArn = (arn: string): RoleArn | undefined => {
  const match = ROLE_ARN.exec(arn);
  return match ? { partition: match[1] ?? '', account: match[2] ?? '', name: match[3] ?? '' } : undefined;
};

/** The name of a role from its ARN (the part after the last '/', whatever the path). */
export const roleNameOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** The form a role ARN must have, for error messages. */
export const ROLE_ARN_FORM = 'arn:aws:iam::<12-digit account>:role/<name>';

const ROLE_NAME = /^[A-Za-z0-9+=,.@_-]{1,64}$/;

/** What is wrong with a role name by IAM's rule (1–64 characters of `A-Za-z0-9+=,.@_-`), if anything. */
export const roleNameProblem = (name: string): string | undefined => {
  if (ROLE_NAME.test(name)) return undefined;
  const shown = name.length > 80 ? `${name.slice(0, 60)}… (${name.length} characters)` : `"${name}"`;
  return `${shown} is not an IAM role name: it must be 1 to 64 characters of letters, digits and +=,.@_-`;
};
