import { checkTemplateText, judgeTemplateFindings } from '../../../src/boundary/template-check';
import { parseTemplateText } from '../../../src/boundary/template-text';

const E = 'arn:aws:iam::123456789012:policy/Boundary';
const OTHER = 'arn:aws:iam::123456789012:policy/Stricter';
const FILE = 'amplify/backend/custom/jobs/jobs-cloudformation-template.json';

const jsonTemplate = (roles: Record<string, unknown>): string =>
  JSON.stringify({
    Parameters: { env: { Type: 'String' } },
    Resources: Object.fromEntries(
      Object.entries(roles).map(([id, boundary]) => [
        id,
        {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {},
            ...(boundary === undefined ? {} : { PermissionsBoundary: boundary }),
          },
        },
      ]),
    ),
  });

describe('the PrePush template check', () => {
  it('names the file and logical ID of a role that sets another literal boundary', async () => {
    const findings = await checkTemplateText(FILE, jsonTemplate({ Own: OTHER, Plain: undefined, Same: E }), E);
    expect(findings).toEqual([{ kind: 'other-boundary', file: FILE, logicalId: 'Own', boundary: OTHER }]);
    expect(judgeTemplateFindings(findings, E, true)).toEqual({
      warnings: [
        `${FILE}: role Own sets its own permissions boundary ${OTHER}, not the env's ${E}; the CLI keeps a boundary a template sets.`,
      ],
    });
  });

  it('finds roles set to deploy without a boundary, and stops only when one is required', async () => {
    const findings = await checkTemplateText(FILE, jsonTemplate({ Empty: '', NoValue: { Ref: 'AWS::NoValue' } }), E);
    expect(findings.map((finding) => finding.kind)).toEqual(['no-boundary', 'no-boundary']);
    expect(judgeTemplateFindings(findings, E, false).warnings).toHaveLength(2);
    const required = judgeTemplateFindings(findings, E, true);
    expect(required.warnings).toEqual([]);
    expect(required.stop).toContain('role Empty sets PermissionsBoundary to ""');
    expect(required.stop).toContain('role NoValue sets PermissionsBoundary to {"Ref": "AWS::NoValue"}');
  });

  it('understands YAML short-form tags', async () => {
    const yaml = [
      'Parameters:',
      '  env: { Type: String }',
      'Conditions:',
      '  IsProd: !Equals [!Ref env, prod]',
      'Resources:',
      '  Own:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      RoleName: !Sub jobs-${env}',
      '      AssumeRolePolicyDocument: { Statement: [] }',
      `      PermissionsBoundary: ${OTHER}`,
      '  Stripped:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      "      RoleName: !Join ['-', [stripped, !Ref env]]",
      '      PermissionsBoundary: !Ref AWS::NoValue',
      '  Conditional:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      PermissionsBoundary: !If [IsProd, !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/P", !Ref AWS::NoValue]',
      '      Arn: !GetAtt Own.Arn',
    ].join('\n');
    const findings = await checkTemplateText('amplify/backend/custom/jobs/template.yaml', yaml, E);
    expect(findings).toEqual([
      { kind: 'other-boundary', file: 'amplify/backend/custom/jobs/template.yaml', logicalId: 'Own', boundary: OTHER },
      {
        kind: 'no-boundary',
        file: 'amplify/backend/custom/jobs/template.yaml',
        logicalId: 'Stripped',
        written: '{"Ref": "AWS::NoValue"}',
      },
    ]);
    expect(await parseTemplateText(yaml)).toMatchObject({
      Resources: {
        Own: { Properties: { RoleName: { 'Fn::Sub': 'jobs-${env}' } } },
        Conditional: { Properties: { Arn: { 'Fn::GetAtt': ['Own', 'Arn'] } } },
      },
    });
  });

  it('warns about a malformed template, naming the file', async () => {
    const findings = await checkTemplateText(FILE, '{ "Resources": ', E);
    expect(findings).toHaveLength(1);
    expect(judgeTemplateFindings(findings, E, true).warnings[0]).toMatch(
      new RegExp(
        `^${FILE.replace(/\./g, '\\.')} could not be read as a CloudFormation template \\(.+\\); its roles were not checked\\.$`,
      ),
    );
  });
});
