// Random documents built from awkward scalars (YAML 1.1/1.2 look-alikes, indicators, PEM, control
// characters), to compare the fast YAML writer with the yaml library.

import * as fs from 'node:fs';
import * as path from 'node:path';

const PEM = fs.readFileSync(path.join(__dirname, '..', '..', 'certs', 'example-root-ca.pem'), 'utf8');

/** A seeded generator (mulberry32), so a failure can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let random: () => number = Math.random;

export function useRandom(next: () => number): void {
  random = next;
}
const STRINGS = [
  ...['', 'a', 'yes', 'no', 'on', 'Off', 'y', 'n', 'true', 'True', 'FALSE', 'null', 'Null', '~', '0', '42'],
  ...['0O17', '-0X1f', '+0o7', '0B101', '0x1_f'],
  ...['-1', '+1', '0755', '0o17', '0b101', '0x1F', '1e3', '.5', '1.', '1_000', '.inf', '-.inf', '.nan'],
  ...['1:20', '1:20.5', '2024-01-01', '2036-12-01T20:00:55.000Z', '<<', '=', '-', '?', ':', '- a', '? a'],
  ...['a: b', 'a:b', 'a #b', 'a#b', '#a', 'a:', 'a ', ' a', '&a', '*a', '!a', '|', '>', "'a'", '"a"'],
  ...["it's", 'say "hi"', `it's "x"`, 'a\\b', '%a', '---', '---x', '...', '@a', '`a', '[a]', '{a}', 'a,b'],
  ...['a\tb', 'é', 'CN=x, O=y', '/usr/local/share', 'k8s.io/name', 'a=b', 'x'.repeat(1030), 'a\nb'],
  ...['a\nb\n', 'a\nb\n\n', '\na', ' a\nb', 'a \nb', 'a\n b', 'a\n\nb\n', 'a\nb ', 'a\n', '\n', 'a\r\nb'],
  ...['a\u0085b', 'a\u2028b', '\u00a0', 'a\n---\nb\n', '%x\ny\n', 'a\n\tb\n', PEM, PEM.trimEnd(), `${PEM}\n`],
];
/** Ordinary scalars, so that whole documents often take the fast path. */
const PLAIN = [
  'name',
  'clearml-agent',
  'value-1',
  '/etc/ssl/certs',
  'CN=bench-ca-0001',
  'app.kubernetes.io/part-of',
];
const NUMBERS = [0, 1, -1, 420, 65532, -0, 2.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -3];

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export function randomValue(depth: number, shared: object[]): unknown {
  const r = random();
  if (depth > 3 || r < 0.25) return pick(PLAIN);
  if (r < 0.45) return random() < 0.5 ? PEM : pick(STRINGS);
  if (r < 0.52) return pick(NUMBERS);
  if (r < 0.56) return pick([true, false, null, undefined]);
  if (r < 0.57) return new Date(0);
  if (r < 0.6 && shared.length > 0) return pick(shared);
  if (r < 0.8) {
    const items = Array.from({ length: Math.floor(random() * 4) }, () => randomValue(depth + 1, shared));
    shared.push(items);
    return items;
  }
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 4); i > 0; i--) object[pick(STRINGS)] = randomValue(depth + 1, shared);
  shared.push(object);
  return object;
}
