/** An IAM role as the compute-role commands see it. */
export type RoleInfo = {
  arn: string;
  name: string;
  trustPolicy: unknown;
  boundary?: string;
  tags: Record<string, string>;
  managedPolicies: string[];
  inlinePolicies: string[];
  /** The document of the inline policy this plugin puts on roles it creates, when the role has it. */
  pluginInlineDocument?: string;
};
