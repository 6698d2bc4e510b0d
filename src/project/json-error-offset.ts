/**
 * The offset of the first syntax error in a JSON text (-1 when there is none; the text's length when it
 * ends too soon), found by a small recursive-descent scan: Node's JSON.parse messages do not always carry
 * a position.
 */
export const jsonErrorOffset = (text: string): number => {
  let at = 0;
  const fail = (): never => {
    throw new RangeError(String(at));
  };
  const expect = (char: string): void => {
    if (text[at] !== char) fail();
    at++;
  };
  const space = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at++;
  };
  const literal = (word: string): void => {
    for (const char of word) expect(char);
  };
  const string = (): void => {
    expect('"');
    while (text[at] !== '"') {
      if (at >= text.length || text.charCodeAt(at) < 0x20) fail();
      if (text[at] === '\\') {
        at++;
        if (text[at] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) at += 4;
        else if (!'"\\/bfnrt'.includes(text.charAt(at)) || at >= text.length) fail();
      }
      at++;
    }
    at++;
  };
  const number = (): void => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match) fail();
    at += match ? match[0].length : 0;
  };
  const sequence = (close: string, item: () => void): void => {
    at++;
    space();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      space();
      item();
      space();
      if (text[at] !== ',') break;
      at++;
    }
    expect(close);
  };
  const member = (): void => {
    string();
    space();
    expect(':');
    value();
  };
  const value = (): void => {
    space();
    switch (text[at]) {
      case '{':
        return sequence('}', member);
      case '[':
        return sequence(']', value);
      case '"':
        return string();
      case 't':
        return literal('true');
      case 'f':
        return literal('false');
      case 'n':
        return literal('null');
      default:
        return number();
    }
  };
  try {
    value();
    space();
    if (at < text.length) fail();
    return -1;
  } catch (error) {
    if (error instanceof RangeError) return Math.min(Number(error.message), text.length);
    throw error;
  }
};
