// A small typed reader over parsed YAML. Every accessor knows its key path, so each error says
// exactly where the problem is, and unknown keys (typos) are refused instead of ignored.

import { ConfigError } from './errors';

export class NodeReader {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly value: unknown,
  ) {}

  fail(problem: string): never {
    throw new ConfigError(this.file, this.path, problem);
  }

  private child(key: string | number, value: unknown): NodeReader {
    const path = typeof key === 'number' ? `${this.path}[${key}]` : this.path ? `${this.path}.${key}` : key;
    return new NodeReader(this.file, path, value);
  }

  isPresent(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  /** A mapping: refuses keys outside `allowed`, naming the closest allowed key. */
  object(allowed: readonly string[]): ObjectReader {
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value)) {
      this.fail(`must be a mapping (key: value), not ${describe(this.value)}`);
    }
    const record = this.value as Record<string, unknown>;
    for (const key of Object.keys(record).sort()) {
      if (!allowed.includes(key)) {
        const hint = closest(key, allowed);
        this.child(key, record[key]).fail(
          `unknown key${hint ? ` (did you mean "${hint}"?)` : ''}; allowed here: ${allowed.join(', ')}`,
        );
      }
    }
    return new ObjectReader(this, record);
  }

  list(): NodeReader[] {
    if (!Array.isArray(this.value)) this.fail(`must be a list, not ${describe(this.value)}`);
    return (this.value as unknown[]).map((item, index) => this.child(index, item));
  }

  string(): string {
    if (typeof this.value !== 'string') this.fail(`must be a string, not ${describe(this.value)}`);
    if ((this.value as string).length === 0) this.fail('must not be empty');
    return this.value as string;
  }

  boolean(): boolean {
    if (typeof this.value !== 'boolean') this.fail(`must be true or false, not ${describe(this.value)}`);
    return this.value as boolean;
  }

  number(): number {
    if (typeof this.value !== 'number' || !Number.isFinite(this.value)) {
      this.fail(`must be a number, not ${describe(this.value)}`);
    }
    return this.value as number;
  }

  oneOf<T extends string>(choices: readonly T[]): T {
    const value = this.string();
    if (!(choices as readonly string[]).includes(value)) {
      this.fail(`must be one of ${choices.join(' | ')}, not "${value}"`);
    }
    return value as T;
  }

  /** Applies a `(value) => problem | undefined` rule to a string. */
  checked(rule: (value: string) => string | undefined): string {
    const value = this.string();
    const problem = rule(value);
    if (problem) this.fail(`"${value}" ${problem}`);
    return value;
  }

  /** @internal used by ObjectReader */
  at(key: string, value: unknown): NodeReader {
    return this.child(key, value);
  }
}

export class ObjectReader {
  constructor(
    readonly node: NodeReader,
    private readonly record: Record<string, unknown>,
  ) {}

  get(key: string): NodeReader {
    return this.node.at(key, this.record[key]);
  }

  has(key: string): boolean {
    return this.get(key).isPresent();
  }

  required(key: string): NodeReader {
    const child = this.get(key);
    if (!child.isPresent()) child.fail('is required');
    return child;
  }

  /** Reads `key` with `read` when present, else returns undefined. */
  optional<T>(key: string, read: (node: NodeReader) => T): T | undefined {
    const child = this.get(key);
    return child.isPresent() ? read(child) : undefined;
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** The allowed key within edit distance 2 of `key`, for "did you mean" hints. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}
