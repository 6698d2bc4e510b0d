import { resolveTemplateBoundary, type IntrinsicScope } from '../../../src/boundary/intrinsics';

const scope: IntrinsicScope = {
  parameters: { BoundaryArn: 'arn:aws-cn:iam::123456789012:policy/FromParameter', env: 'dev', Empty: '' },
  partition: 'aws-cn',
  accountId: '123456789012',
  region: 'cn-north-1',
};
const value = (arn: string) => ({ kind: 'value', arn });

describe('resolving a template’s PermissionsBoundary', () => {
  it('takes a literal as it is', () => {
    expect(resolveTemplateBoundary('arn:aws:iam::aws:policy/ReadOnlyAccess', scope)).toEqual(
      value('arn:aws:iam::aws:policy/ReadOnlyAccess'),
    );
  });

  it('reads no property, "" and AWS::NoValue as none', () => {
    expect(resolveTemplateBoundary(undefined, scope)).toEqual({ kind: 'none' });
    expect(resolveTemplateBoundary('', scope)).toEqual({ kind: 'none' });
    expect(resolveTemplateBoundary({ Ref: 'AWS::NoValue' }, scope)).toEqual({ kind: 'none' });
    expect(resolveTemplateBoundary({ Ref: 'Empty' }, scope)).toEqual({ kind: 'none' });
  });

  it('resolves Ref to a stack parameter with its deployed value', () => {
    expect(resolveTemplateBoundary({ Ref: 'BoundaryArn' }, scope)).toEqual(
      value('arn:aws-cn:iam::123456789012:policy/FromParameter'),
    );
  });

  it('resolves Fn::Sub over the partition, account and region, and its own variables', () => {
    expect(
      resolveTemplateBoundary(
        { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/B-${AWS::Region}' },
        scope,
      ),
    ).toEqual(value('arn:aws-cn:iam::123456789012:policy/B-cn-north-1'));
    expect(
      resolveTemplateBoundary(
        { 'Fn::Sub': ['arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/${Name}', { Name: { Ref: 'env' } }] },
        scope,
      ),
    ).toEqual(value('arn:aws-cn:iam::123456789012:policy/dev'));
  });

  it('resolves Fn::Join of literals and pseudo parameters', () => {
    expect(
      resolveTemplateBoundary(
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':policy/B']] },
        scope,
      ),
    ).toEqual(value('arn:aws-cn:iam::123456789012:policy/B'));
  });

  it('leaves any other expression unresolved, shown as written', () => {
    const imported = { 'Fn::ImportValue': 'boundary' };
    expect(resolveTemplateBoundary(imported, scope)).toEqual({ kind: 'unresolved', text: JSON.stringify(imported) });
    const unknownParameter = { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:policy/${Missing}' };
    expect(resolveTemplateBoundary(unknownParameter, scope)).toEqual({
      kind: 'unresolved',
      text: JSON.stringify(unknownParameter),
    });
    const conditional = { 'Fn::If': ['HasBoundary', { Ref: 'BoundaryArn' }, { Ref: 'AWS::NoValue' }] };
    expect(resolveTemplateBoundary(conditional, scope).kind).toBe('unresolved');
  });
});
