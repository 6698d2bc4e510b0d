import { closest, editDistance } from '../../../src/util/closest';

describe('editDistance', () => {
  it.each([
    ['env', 'env', 0],
    ['evn', 'env', 1],
    ['jsno', 'json', 1],
    ['permisions-boundary', 'permissions-boundary', 1],
    ['', 'json', 4],
    ['kitten', 'sitting', 3],
  ])('from %s to %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('closest', () => {
  const flags = ['permissions-boundary', 'policy-name', 'policy-path', 'env', 'envName', 'all-envs', 'no-check', 'yes'];

  it('finds the nearest flag within two edits', () => {
    expect(closest('permisions-boundary', flags)).toBe('permissions-boundary');
    expect(closest('policy-nme', flags)).toBe('policy-name');
    expect(closest('all-env', flags)).toBe('all-envs');
  });

  it('allows one edit only for short words, where two reach almost anything', () => {
    expect(closest('ys', flags)).toBe('yes');
    expect(closest('ab', flags)).toBeUndefined();
  });

  it('suggests nothing for a word far from every candidate', () => {
    expect(closest('profile', flags)).toBeUndefined();
    expect(closest('anything', [])).toBeUndefined();
  });
});
