// Aliases name each certificate in the output: the ConfigMap key `<alias>.crt` and a file name
// under /usr/local/share/ca-certificates. Hence a DNS-label-like rule and 63 characters at most.

import * as path from 'node:path';

export const ALIAS_PATTERN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
export const ALIAS_MAX_LENGTH = 63;
export const ALIAS_RULE =
  'an alias must be lower-case letters, digits, "-" and ".", start and end with a letter or digit, ' +
  `and be at most ${ALIAS_MAX_LENGTH} characters (it becomes the ConfigMap key "<alias>.crt" and a file name)`;

export function isValidAlias(alias: string): boolean {
  return alias.length <= ALIAS_MAX_LENGTH && ALIAS_PATTERN.test(alias);
}

function trimEnds(text: string): string {
  return text.replace(/^[-.]+|[-.]+$/g, '');
}

/** Lower-case, runs of other characters to `-`, no `-`/`.` at either end, cut to `maxLength`. */
export function slugify(name: string, maxLength = ALIAS_MAX_LENGTH): string {
  const slug = trimEnds(name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-'));
  return trimEnds(slug.slice(0, maxLength));
}

/** The name an alias is derived from: a file name loses its extension, a label is kept whole. */
export function aliasBase(name: string, isFileName: boolean): string {
  return isFileName ? path.basename(name, path.extname(name)) : name;
}

/**
 * The aliases of the `count` certificates of one input: the base itself for one certificate,
 * `<base>-1`, `<base>-2`, … for several. A derived base is shortened so the suffix still fits;
 * a given one is kept as is (an alias too long then is refused, not silently changed).
 */
export function numberedAliases(base: string, count: number, derived: boolean): string[] {
  if (count === 1) return [base];
  const stem = derived ? slugify(base, ALIAS_MAX_LENGTH - `-${count}`.length) : base;
  return Array.from({ length: count }, (_, i) => `${stem}-${i + 1}`);
}
