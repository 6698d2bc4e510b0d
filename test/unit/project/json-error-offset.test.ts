import fc from 'fast-check';
import { jsonErrorOffset } from '../../../src/project/json-error-offset';

describe('jsonErrorOffset', () => {
  it.each([
    ['an unexpected token', '{\n  "boundary": {\n    "required": yes\n  }\n}\n', 34],
    ['a trailing comma', '{ "a": 1, }', 10],
    ['a missing comma', '{ "a": 1 "b": 2 }', 9],
    ['text after the value', '{} x', 3],
    ['an unterminated string', '{ "a": "b', 9],
    ['an end too soon', '[1, 2', 5],
    ['a bad escape', '"\\x"', 2],
    ['a control character in a string', '"a\tb"', 2],
    ['a leading zero', '01', 1],
  ])('points at %s', (_case, text, offset) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('finds no error in any JSON that JSON.stringify writes', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => jsonErrorOffset(JSON.stringify(value, null, 2)) === -1));
  });

  it('finds an error in every string JSON.parse refuses, and none where it accepts', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map((json) => json.slice(0, -1)),
        ),
        (text) => {
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          return valid ? jsonErrorOffset(text) === -1 : jsonErrorOffset(text) >= 0;
        },
      ),
      { numRuns: 2000 },
    );
  });
});
