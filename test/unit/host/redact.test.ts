import { createRedactor } from '../../../src/host/redact';

describe('createRedactor', () => {
  it('masks every secret it was told, wherever it appears, keeping the last 4 characters', () => {
    const redactor = createRedactor();
    redactor.add('wJalrXUtnFEMI/K7MDENG');
    expect(
      redactor.text('AWS said: Value wJalrXUtnFEMI/K7MDENG at environmentVariables, and wJalrXUtnFEMI/K7MDENG'),
    ).toBe('AWS said: Value *****************DENG at environmentVariables, and *****************DENG');
  });

  it('masks a secret that contains another one whole', () => {
    const redactor = createRedactor();
    redactor.add('abcdefgh');
    redactor.add('xxabcdefghyy');
    expect(redactor.text('xxabcdefghyy')).toBe('********ghyy');
  });

  it('leaves text alone until it has seen a secret, and ignores values too short to be one', () => {
    const redactor = createRedactor();
    redactor.add(undefined);
    redactor.add('');
    redactor.add('true');
    expect(redactor.text('a true story')).toBe('a true story');
  });
});
