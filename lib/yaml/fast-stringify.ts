import { Document, type ScalarTag } from 'yaml';

/*
 * A fast writer for the common case, byte for byte what yaml 2.x's `stringify` writes, and several times
 * quicker (yaml builds a node tree and tests each scalar against its schema; at a thousand CAs times a
 * hundred tenants that was most of the synthesis time). It mirrors yaml's block style with
 * `lineWidth: 0` (no folding): maps and sequences of plain objects and arrays, safe integers, booleans,
 * null, and strings of printable ASCII (plain, double-quoted, or `|`/`|-` literal blocks). Anything else
 * (other characters, keep-chomped or indented blocks, document markers, floats, anchors, Dates, …) makes
 * it give up, and the caller falls back to yaml itself: the fast path never guesses.
 */

/** What the fast writer must mirror of one `yaml.stringify` call (always with `lineWidth: 0`). */
export interface YamlFlavour {
  /** The schema's tests for plain scalars that read back as something other than a string (quoted). */
  readonly notString: readonly RegExp[];
  /** yaml's `keepUndefined`: false skips map entries whose value is undefined. */
  readonly keepUndefined: boolean;
  /** yaml's `aliasDuplicateObjects`: true writes an object met twice as an anchor and an alias. */
  readonly aliasDuplicateObjects: boolean;
}

export function yamlFlavour(options: {
  readonly version: '1.1' | '1.2';
  readonly keepUndefined: boolean;
  readonly aliasDuplicateObjects: boolean;
  /** Extra scalar tags, as given to yaml's `customTags`. @default none */
  readonly customTags?: ScalarTag[];
}): YamlFlavour {
  const { schema } = new Document(null, { version: options.version, customTags: options.customTags });
  // The same test as yaml's plainString: a default tag other than str whose test matches.
  const notString = [...schema.tags, ...(schema.compat ?? [])].flatMap((tag) =>
    tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test ? [tag.test] : [],
  );
  return {
    notString,
    keepUndefined: options.keepUndefined,
    aliasDuplicateObjects: options.aliasDuplicateObjects,
  };
}

/**
 * `value` as yaml 2.x's `stringify` writes it with `lineWidth: 0` and the given flavour, or undefined when
 * the value holds anything the fast writer does not handle (the caller then uses yaml itself).
 */
export function fastYamlStringify(value: unknown, flavour: YamlFlavour): string | undefined {
  // A scalar document is written differently (no indentation for blocks): leave it to yaml.
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    return `${new FastYamlWriter(flavour).node(value, '')}\n`;
  } catch (error) {
    if (error instanceof NotFastPath) return undefined;
    throw error;
  }
}

class NotFastPath extends Error {}

// yaml's plainString: a plain scalar must not start with an indicator, contain ": " or " #", end in ":" …
const PLAIN_INDICATORS = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
const ONE_PRINTABLE_LINE = /^[ -~]*$/;
const PRINTABLE_LINES = /^[ -~\n]*$/;

class FastYamlWriter {
  /** Objects being written (or, with aliasDuplicateObjects, written so far): met again, yaml would alias. */
  private readonly seen = new Set<object>();

  constructor(private readonly flavour: YamlFlavour) {}

  /** yaml's stringify(node, ctx) with ctx.indent = `indent`, in block context, not a key. */
  node(value: unknown, indent: string): string {
    switch (typeof value) {
      case 'string':
        return this.string(value, indent, false);
      case 'number':
        // yaml writes integers with JSON.stringify (1.2) or toString (1.1): the same for safe integers.
        if (Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
        break;
      case 'boolean':
        return value ? 'true' : 'false';
      case 'object':
        if (value === null) return 'null';
        if (isPlain(value, Array.prototype)) return this.sequence(value as readonly unknown[], indent);
        if (isPlain(value, Object.prototype) || isPlain(value, null)) {
          return this.mapping(value as Readonly<Record<string, unknown>>, indent);
        }
        break;
    }
    throw new NotFastPath();
  }

  private enter(value: object): void {
    if (this.seen.has(value)) throw new NotFastPath();
    this.seen.add(value);
  }

  private leave(value: object): void {
    if (!this.flavour.aliasDuplicateObjects) this.seen.delete(value);
  }

  private sequence(items: readonly unknown[], indent: string): string {
    this.enter(items);
    const itemIndent = `${indent}  `;
    let text = '';
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item === undefined) throw new NotFastPath();
      text += `${i === 0 ? '' : `\n${indent}`}- ${this.node(item, itemIndent)}`;
    }
    this.leave(items);
    return items.length === 0 ? '[]' : text;
  }

  private mapping(object: Readonly<Record<string, unknown>>, indent: string): string {
    this.enter(object);
    const valueIndent = `${indent}  `;
    let text = '';
    let first = true;
    for (const key of Object.keys(object)) {
      const value = object[key];
      if (value === undefined) {
        if (this.flavour.keepUndefined) throw new NotFastPath();
        continue;
      }
      const keyText = this.string(key, valueIndent, true);
      // Longer keys become explicit (`? key`).
      if (keyText.length > 1024) throw new NotFastPath();
      const valueText = this.node(value, valueIndent);
      // A non-empty collection starts on the next line; an empty one is written `{}` or `[]`.
      const block = typeof value === 'object' && value !== null && valueText !== '{}' && valueText !== '[]';
      text += `${first ? '' : `\n${indent}`}${keyText}:${block ? `\n${valueIndent}` : ' '}${valueText}`;
      first = false;
    }
    this.leave(object);
    return first ? '{}' : text;
  }

  /** yaml's stringifyString for a str-tagged scalar (actualString) in block context. */
  private string(value: string, indent: string, implicitKey: boolean): string {
    // `<<` is YAML 1.1's merge key, which yaml writes by its own rules.
    if (value === '<<') throw new NotFastPath();
    // A fleet repeats the same certificates and names in every file: remember how each was written.
    const cache = scalarCache(this.flavour);
    const line = cache.lines.get(value);
    if (line !== undefined) return line;
    if (ONE_PRINTABLE_LINE.test(value)) {
      if (DOCUMENT_MARKER.test(value)) throw new NotFastPath();
      let text = value;
      if (PLAIN_INDICATORS.test(value) || this.flavour.notString.some((test) => test.test(value))) {
        // Double-quoted (yaml's choice without single quotes in the text): JSON, which escapes only these.
        if (/["'\\]/.test(value)) throw new NotFastPath();
        text = `"${value}"`;
      }
      return cache.rememberLine(value, text);
    }
    if (implicitKey) throw new NotFastPath();
    const block = cache.blocks.get(indent)?.get(value);
    if (block !== undefined) return block;
    if (!PRINTABLE_LINES.test(value)) throw new NotFastPath();
    return cache.rememberBlock(indent, value, literalBlock(value, indent));
  }
}

/**
 * Written scalars, kept for the life of the process: single lines (written the same as key or value) and
 * multi-line blocks by indentation. Bounded: past a limit a kind is emptied and refilled (at most some
 * 5 MB of lines and 10 MB of blocks of PEM size).
 */
class ScalarCache {
  readonly lines = new Map<string, string>();
  readonly blocks = new Map<string, Map<string, string>>();
  private lineCount = 0;
  private blockCount = 0;

  rememberLine(value: string, text: string): string {
    if (++this.lineCount > 50_000) {
      this.lines.clear();
      this.lineCount = 1;
    }
    this.lines.set(value, text);
    return text;
  }

  rememberBlock(indent: string, value: string, text: string): string {
    if (++this.blockCount > 8_000) {
      this.blocks.clear();
      this.blockCount = 1;
    }
    let blocks = this.blocks.get(indent);
    if (blocks === undefined) {
      blocks = new Map();
      this.blocks.set(indent, blocks);
    }
    blocks.set(value, text);
    return text;
  }
}

const scalarCaches = new WeakMap<YamlFlavour, ScalarCache>();

function scalarCache(flavour: YamlFlavour): ScalarCache {
  let cache = scalarCaches.get(flavour);
  if (cache === undefined) {
    cache = new ScalarCache();
    scalarCaches.set(flavour, cache);
  }
  return cache;
}

/** yaml's blockString (literal) for text of printable lines: `|` (one final newline) or `|-` (none). */
function literalBlock(value: string, indent: string): string {
  // A leading space or newline needs an indentation indicator or leading blank lines.
  if (value[0] === ' ' || value[0] === '\n') throw new NotFastPath();
  const clip = value.endsWith('\n');
  const body = clip ? value.slice(0, -1) : value;
  // More final newlines keep-chomp (`|+`); trailing white space is written quoted.
  if (body.endsWith('\n') || body.endsWith(' ')) throw new NotFastPath();
  return `|${clip ? '' : '-'}\n${indent}${body.replace(/\n+/g, `$&${indent}`)}`;
}

function isPlain(value: object, prototype: object | null): boolean {
  return (
    Object.getPrototypeOf(value) === prototype &&
    typeof (value as { readonly toJSON?: unknown }).toJSON !== 'function'
  );
}
