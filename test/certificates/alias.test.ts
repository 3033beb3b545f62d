// Alias rules and derivation, and the directory sort order (no openssl needed).

import { ALIAS_MAX_LENGTH, isValidAlias } from '../../lib/certificates';
import { aliasBase, numberedAliases, slugify } from '../../lib/certificates/alias';
import { compareCodePoints } from '../../lib/certificates/read-sources';

test.each([
  ['a', true],
  ['corp-root', true],
  ['corp.root-2024', true],
  ['a..b', true],
  ['0', true],
  ['x'.repeat(ALIAS_MAX_LENGTH), true],
  ['x'.repeat(ALIAS_MAX_LENGTH + 1), false],
  ['', false],
  ['Corp', false],
  ['-a', false],
  ['a-', false],
  ['.a', false],
  ['a.', false],
  ['a_b', false],
  ['a b', false],
  ['a/b', false],
])('isValidAlias(%j) is %s', (alias, valid) => {
  expect(isValidAlias(alias)).toBe(valid);
});

test.each([
  ['Corp Root CA', 'corp-root-ca'],
  ['  --Corp__Root--  ', 'corp-root'],
  ['a...b', 'a...b'],
  ['..hidden.', 'hidden'],
  ['Zürich Root', 'z-rich-root'],
  ['___', ''],
  [`${'a'.repeat(62)}.b`, 'a'.repeat(62)],
])('slugify(%j) is %j', (name, slug) => {
  expect(slugify(name)).toBe(slug);
});

test('every non-empty slug is a valid alias', () => {
  for (const name of [
    'X',
    'a b c',
    '-.-a-.-',
    '1.2.3',
    `${'é'.repeat(40)}z${'-'.repeat(40)}`,
    'x'.repeat(100),
  ]) {
    const slug = slugify(name);
    if (slug !== '') expect(isValidAlias(slug)).toBe(true);
  }
});

test.each([
  ['root.pem', true, 'root'],
  ['ca.bundle.crt', true, 'ca.bundle'],
  ['noext', true, 'noext'],
  ['.pem', true, '.pem'],
  ['my.label', false, 'my.label'],
])('aliasBase(%j, %s) is %j', (name, isFileName, base) => {
  expect(aliasBase(name, isFileName)).toBe(base);
});

describe('numberedAliases', () => {
  test('one certificate keeps the base', () => {
    expect(numberedAliases('root', 1, true)).toEqual(['root']);
  });

  test('several are numbered from 1', () => {
    expect(numberedAliases('bundle', 3, true)).toEqual(['bundle-1', 'bundle-2', 'bundle-3']);
  });

  test('a derived base is shortened so the widest number fits', () => {
    const aliases = numberedAliases('b'.repeat(63), 12, true);
    expect(aliases[0]).toBe(`${'b'.repeat(60)}-1`);
    expect(aliases[11]).toBe(`${'b'.repeat(60)}-12`);
    expect(aliases.every(isValidAlias)).toBe(true);
  });

  test('a shortened base is re-trimmed', () => {
    expect(numberedAliases(`${'b'.repeat(60)}.c`, 2, true)[0]).toBe(`${'b'.repeat(60)}-1`);
  });

  test('a given base is never changed', () => {
    expect(numberedAliases('g'.repeat(63), 2, false)[0]).toBe(`${'g'.repeat(63)}-1`);
  });
});

test('directory order is by code point', () => {
  const names = ['b.pem', 'a.pem', 'B.pem', 'k\u{1F600}.pem', 'k\uFF21.pem', 'a.crt', '_.pem'];
  expect([...names].sort(compareCodePoints)).toEqual([
    'B.pem',
    '_.pem',
    'a.crt',
    'a.pem',
    'b.pem',
    'k\uFF21.pem',
    'k\u{1F600}.pem',
  ]);
});
