import { decideCause, fixFor, type CauseInput } from '../../../src/boundary/drift-cause';

const E = 'arn:aws:iam::123456789012:policy/Boundary';
const OLD = 'arn:aws:iam::123456789012:policy/Old';
const OTHER = 'arn:aws:iam::123456789012:policy/Stricter';

const stackRole = (input: Partial<CauseInput>): CauseInput => ({
  status: 'missing',
  computeRole: false,
  expected: E,
  ...input,
});

describe('the cause of a role that is off', () => {
  it('is changed-outside when the template gives E but the role does not carry it', () => {
    expect(decideCause(stackRole({ template: { kind: 'value', arn: E }, previous: E }))).toBe('changed-outside');
    expect(decideCause(stackRole({ status: 'mismatch', template: { kind: 'value', arn: E } }))).toBe('changed-outside');
  });

  it('is not-pushed when the template gives the boundary of the last deployment, which is no longer E', () => {
    expect(decideCause(stackRole({ status: 'mismatch', template: { kind: 'value', arn: OLD }, previous: OLD }))).toBe(
      'not-pushed',
    );
  });

  it('is not-pushed when the template gives none and the env had none at its last deployment', () => {
    expect(decideCause(stackRole({ template: { kind: 'none' }, previous: null }))).toBe('not-pushed');
  });

  it('is template-lacks when the template gives none although the env had E at its last deployment', () => {
    expect(decideCause(stackRole({ template: { kind: 'none' }, previous: E }))).toBe('template-lacks');
  });

  it('is template-sets-other for a literal that is neither E nor the last deployment’s', () => {
    expect(decideCause(stackRole({ status: 'mismatch', template: { kind: 'value', arn: OTHER }, previous: E }))).toBe(
      'template-sets-other',
    );
  });

  it('is template-sets-other for an expression it cannot resolve', () => {
    expect(
      decideCause(stackRole({ template: { kind: 'unresolved', text: '{"Fn::ImportValue":"b"}' }, previous: E })),
    ).toBe('template-sets-other');
  });

  it('is not-found for a deleted role, whatever the template says', () => {
    expect(decideCause(stackRole({ status: 'not-found', template: { kind: 'value', arn: E } }))).toBe('not-found');
  });

  it('is unknown when the template could not be read', () => {
    expect(decideCause(stackRole({ template: { kind: 'unreadable', reason: 'AccessDenied' } }))).toBe('unknown');
  });

  it('is compute-role for the env’s compute role, which is in no stack', () => {
    expect(decideCause(stackRole({ computeRole: true }))).toBe('compute-role');
  });

  it('treats a boundary put on a role of an env with none on purpose as changed outside', () => {
    expect(
      decideCause(stackRole({ status: 'mismatch', expected: '', template: { kind: 'none' }, previous: null })),
    ).toBe('changed-outside');
  });

  it('is not-pushed when the env was set to none on purpose after a push that gave the old boundary', () => {
    expect(
      decideCause(
        stackRole({ status: 'mismatch', expected: '', template: { kind: 'value', arn: OLD }, previous: OLD }),
      ),
    ).toBe('not-pushed');
  });
});

describe('the fix of each cause', () => {
  const context = { env: 'dev', expected: E, current: true, source: 'custom/guarded (t.json)' };

  it('sends a role changed outside CloudFormation to verify --fix', () => {
    expect(fixFor('changed-outside', context)).toContain('`amplify boundary verify --env dev --fix`');
  });

  it('never offers to remove a boundary from a role of an env with none on purpose', () => {
    const fix = fixFor('changed-outside', { ...context, expected: '' });
    expect(fix).toContain('reported only');
    expect(fix).not.toContain('--fix`');
  });

  it('sends not-pushed to push --force, checking out another env first', () => {
    expect(fixFor('not-pushed', context)).toContain('`amplify push --force`');
    expect(fixFor('not-pushed', { ...context, env: 'prod', current: false })).toContain(
      '`amplify env checkout prod` then `amplify push --force`',
    );
  });

  it('names the template to edit and the value it sets for template-sets-other', () => {
    const fix = fixFor('template-sets-other', { ...context, template: { kind: 'value', arn: OTHER } });
    expect(fix).toContain(OTHER);
    expect(fix).toContain('edit it in custom/guarded (t.json)');
    expect(fix).toContain('--fix leaves this role alone');
  });

  it('names GetTemplate and the error for unknown', () => {
    const fix = fixFor('unknown', { ...context, template: { kind: 'unreadable', reason: 'AWS denied it' } });
    expect(fix).toContain('AWS denied it');
    expect(fix).toContain('cloudformation:GetTemplate');
  });

  it('sends the compute role to compute-role attach', () => {
    expect(fixFor('compute-role', context)).toContain('`amplify compute-role attach --env dev`');
  });
});
