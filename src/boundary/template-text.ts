import type { Tags } from 'yaml';

// CloudFormation's YAML short forms, as the long forms a JSON template would have.
const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
  'Length',
  'ToJsonString',
];

const longForm = (name: string): string => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);

const tagsFor = (name: string): Tags => {
  const key = longForm(name);
  return [
    { tag: `!${name}`, resolve: (value: string) => ({ [key]: name === 'GetAtt' ? value.split('.') : value }) },
    { tag: `!${name}`, collection: 'seq', resolve: (value) => ({ [key]: value.toJSON() as unknown }) },
    { tag: `!${name}`, collection: 'map', resolve: (value) => ({ [key]: value.toJSON() as unknown }) },
  ];
};

/** The YAML tags of CloudFormation's short forms (`!Ref`, `!Sub`, `!GetAtt`, `!Join`, `!If`, …). */
export const CLOUDFORMATION_TAGS: Tags = ['Ref', 'Condition', 'GetAtt', ...FUNCTIONS].flatMap(tagsFor);

/**
 * A template's text (JSON or YAML, short forms understood) as a value; rejects when it is neither. The YAML
 * parser is loaded only for a YAML template: Amplify writes JSON, and every push reads its templates.
 */
export const parseTemplateText = async (text: string): Promise<unknown> => {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return JSON.parse(text) as unknown;
  const { parse } = await import('yaml');
  return parse(text, { customTags: CLOUDFORMATION_TAGS, prettyErrors: true }) as unknown;
};
