import { readdir, readFile, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GuardError } from '../../../src/errors';
import {
  formatJsonLike,
  lineAndColumn,
  parseJsonObject,
  readJsonDocument,
  updateJsonFile,
  writeFileAtomic,
} from '../../../src/project/json-file';
import { makeTempDir } from '../helpers/temp-project';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await makeTempDir();
  file = join(dir, 'settings.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const caught = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );

describe('updateJsonFile', () => {
  it('changes one key and keeps every other key in the 2-space format with its final newline', async () => {
    const before = {
      dev: { awscloudformation: { Region: 'us-east-1', StackName: 's' }, categories: { auth: { a: [1, 2] } } },
      prod: {},
    };
    await writeFile(file, `${JSON.stringify(before, null, 2)}\n`);
    const changed = await updateJsonFile(
      file,
      (value) => {
        (value.dev as Record<string, Record<string, unknown>>).awscloudformation.X = 'y';
      },
      { createIfMissing: false, lockFile: `${file}.lock` },
    );
    expect(changed).toBe(true);
    const expected = {
      dev: { awscloudformation: { Region: 'us-east-1', StackName: 's', X: 'y' }, categories: { auth: { a: [1, 2] } } },
      prod: {},
    };
    expect(await readFile(file, 'utf8')).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  it('leaves a file without a final newline without one', async () => {
    await writeFile(file, JSON.stringify({ a: 1 }, null, 2));
    await updateJsonFile(file, (value) => void (value.b = 2), { createIfMissing: false, lockFile: `${file}.lock` });
    const text = await readFile(file, 'utf8');
    expect(text).toBe(JSON.stringify({ a: 1, b: 2 }, null, 2));
    expect(text.endsWith('\n')).toBe(false);
  });

  it('keeps a 4-space indentation', async () => {
    await writeFile(file, `${JSON.stringify({ a: { b: 1 } }, null, 4)}\n`);
    await updateJsonFile(file, (value) => void (value.c = true), { createIfMissing: false, lockFile: `${file}.lock` });
    expect(await readFile(file, 'utf8')).toBe(`${JSON.stringify({ a: { b: 1 }, c: true }, null, 4)}\n`);
  });

  it('writes nothing and reports no change when the change leaves the object as it was', async () => {
    const odd = '{"a":   1,\n"b": [1,2]}';
    await writeFile(file, odd);
    const changed = await updateJsonFile(file, (value) => void (value.a = 1), {
      createIfMissing: false,
      lockFile: `${file}.lock`,
    });
    expect(changed).toBe(false);
    expect(await readFile(file, 'utf8')).toBe(odd);
  });

  it('leaves no temporary file behind', async () => {
    await writeFile(file, '{}\n');
    await updateJsonFile(file, (value) => void (value.a = 1), { createIfMissing: false, lockFile: `${file}.lock` });
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('creates a missing file when asked, in 2-space JSON with a final newline', async () => {
    expect(
      await updateJsonFile(file, (value) => void (value.boundary = { required: true }), {
        createIfMissing: true,
        lockFile: `${file}.lock`,
      }),
    ).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('{\n  "boundary": {\n    "required": true\n  }\n}\n');
  });

  it('refuses to create a missing file when not asked, saying to run amplify init', async () => {
    const error = await caught(
      updateJsonFile(file, () => undefined, { createIfMissing: false, lockFile: `${file}.lock` }),
    );
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).message).toContain(file);
    expect((error as GuardError).resolution).toContain('amplify init');
  });

  it('refuses a malformed file with its name, line and column, and leaves it byte-for-byte as it was', async () => {
    const broken = Buffer.from('{\n  "dev": {\n    "Region": "us-east-1",\n  }\n}\n', 'utf8');
    await writeFile(file, broken);
    const error = await caught(
      updateJsonFile(file, (value) => void (value.dev = 'x'), { createIfMissing: false, lockFile: `${file}.lock` }),
    );
    expect(error).toBeInstanceOf(GuardError);
    const guardError = error as GuardError;
    expect(guardError.name).toBe('ConfigurationError');
    expect(guardError.message).toContain(file);
    expect(guardError.message).toContain('line 4, column 3');
    expect(guardError.resolution).toContain(`${file}:4:3`);
    expect(guardError.cause).toBeInstanceOf(SyntaxError);
    expect(Buffer.compare(await readFile(file), broken)).toBe(0);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the whole file', async () => {
    await writeFile(file, 'old content that is longer than the new one');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('fails without leaving a temporary file when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'x.json'), '{}')).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('readJsonDocument and parseJsonObject', () => {
  it('reads a missing file as undefined', async () => {
    expect(await readJsonDocument(join(dir, 'nope.json'))).toBeUndefined();
  });

  it('keeps the text as read, beside the parsed object', async () => {
    await writeFile(file, '{ "a": 1 }');
    expect(await readJsonDocument(file)).toEqual({ file, text: '{ "a": 1 }', value: { a: 1 } });
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(parseJsonObject('f.json', '\uFEFF{"a":1}')).toEqual({ a: 1 });
  });

  it.each([
    ['an array', '[1]', 'an array'],
    ['a string', '"x"', '"x"'],
    ['null', 'null', 'null'],
  ])('refuses a file that holds %s instead of an object', (_what, text, shown) => {
    expect(() => parseJsonObject('f.json', text)).toThrow(`f.json must hold a JSON object, but it holds ${shown}`);
  });

  it('names the end of the file when the JSON stops early', () => {
    expect(() => parseJsonObject('f.json', '{\n  "a": 1')).toThrow(/f\.json is not valid JSON at line 2, column 9/);
  });

  it('names the line and column of an unexpected token in a malformed file', () => {
    const text = '{\n  "boundary": {\n    "required": yes\n  }\n}\n';
    expect(() => parseJsonObject('amplify/iam-guard.json', text)).toThrow(GuardError);
    expect(() => parseJsonObject('amplify/iam-guard.json', text)).toThrow(/line 3, column 17/);
  });
});

describe('lineAndColumn and formatJsonLike', () => {
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\ncd\nef', 8)).toEqual({ line: 3, column: 3 });
  });

  it('formats a new file with 2 spaces and a final newline', () => {
    expect(formatJsonLike({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });

  it('follows the indentation and final newline of the previous text', () => {
    expect(formatJsonLike({ a: 1 }, '{\n\t"a": 0\n}')).toBe('{\n\t"a": 1\n}');
  });
});
