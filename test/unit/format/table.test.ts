import { formatTable } from '../../../src/format/table';

describe('formatTable', () => {
  it('aligns every column to its widest cell, with a rule under the header', () => {
    expect(
      formatTable(
        ['Env', 'Account', 'Valid'],
        [
          ['dev *', '123456789012', 'yes'],
          ['prod', '?', 'NO'],
        ],
      ),
    ).toEqual([
      'Env    Account       Valid',
      '-----  ------------  -----',
      'dev *  123456789012  yes',
      'prod   ?             NO',
    ]);
  });

  it('does not pad the last column or leave trailing spaces', () => {
    const lines = formatTable(
      ['A', 'B'],
      [
        ['x', ''],
        ['longer', 'y'],
      ],
    );
    expect(lines).toEqual(['A       B', '------  -', 'x', 'longer  y']);
    for (const line of lines) expect(line).toBe(line.trimEnd());
  });

  it('prints only the header and the rule when there are no rows', () => {
    expect(formatTable(['Env', 'Boundary'], [])).toEqual(['Env  Boundary', '---  --------']);
  });
});
