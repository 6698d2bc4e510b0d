/** The AWS partitions a boundary ARN may name. */
export const PARTITIONS = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
] as const;

/** One AWS partition. */
export type Partition = (typeof PARTITIONS)[number];

// Longest prefixes first is not needed: no prefix below is a prefix of another.
const REGION_PREFIXES: ReadonlyArray<readonly [string, Partition]> = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-iso-', 'aws-iso'],
  ['us-isob-', 'aws-iso-b'],
  ['eu-isoe-', 'aws-iso-e'],
  ['us-isof-', 'aws-iso-f'],
  ['eusc-', 'aws-eusc'],
];

/** The partition a region belongs to; any region not in a special partition is in `aws`. */
export const partitionOfRegion = (region: string): Partition =>
  REGION_PREFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';

/** Whether a string names one of the partitions. */
export const isPartition = (value: string): value is Partition => (PARTITIONS as readonly string[]).includes(value);
