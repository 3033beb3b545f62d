// Minimal DER (X.690) reader: just enough to walk an X.509 Certificate. Node's X509Certificate
// does not expose the signature algorithm, and it silently ignores bytes after the certificate,
// so the intake reads the outer structure itself.

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

export const DerTag = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OBJECT_IDENTIFIER: 0x06,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  /** `[0] EXPLICIT`, as used by the X.509 version field. */
  CONTEXT_0: 0xa0,
} as const;

/** One tag-length-value element, as offsets into the buffer it was read from. */
export interface DerElement {
  readonly tag: number;
  /** Offset of the tag byte. */
  readonly start: number;
  /** Offset of the first content byte. */
  readonly contentStart: number;
  /** Offset just past the element. */
  readonly end: number;
}

/** Reads the element starting at `offset`; it must end at or before `limit`. */
export function readElement(buf: Uint8Array, offset = 0, limit = buf.length): DerElement {
  if (offset + 2 > limit) throw new DerError('data ends inside an element header');
  const tag = buf[offset];
  // X.509 never uses high tag numbers; refusing them keeps the reader tiny.
  if ((tag & 0x1f) === 0x1f) throw new DerError('high-tag-number form is not supported');
  let pos = offset + 1;
  const first = buf[pos++];
  let length = first;
  if (first >= 0x80) {
    const count = first & 0x7f;
    if (count === 0) throw new DerError('indefinite length is not allowed in DER');
    if (count > 4) throw new DerError('element length does not fit in 4 bytes');
    if (pos + count > limit) throw new DerError('data ends inside an element length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[pos++];
  }
  const end = pos + length;
  if (end > limit) throw new DerError('element runs past the end of the data');
  return { tag, start: offset, contentStart: pos, end };
}

/** The elements inside a constructed element (SEQUENCE, SET, explicit tag). */
export function readChildren(buf: Uint8Array, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  let pos = parent.contentStart;
  while (pos < parent.end) {
    const child = readElement(buf, pos, parent.end);
    children.push(child);
    pos = child.end;
  }
  return children;
}

/** Checks that an element is there and has the expected tag. */
export function expectElement(element: DerElement | undefined, tag: number, what: string): DerElement {
  if (element === undefined) throw new DerError(`${what} is missing`);
  if (element.tag !== tag) {
    throw new DerError(`${what} has tag 0x${element.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  }
  return element;
}

/** Dotted form of an OBJECT IDENTIFIER. BigInt because arcs (e.g. under 2.25) can exceed 2^53. */
export function decodeOid(buf: Uint8Array, element: DerElement): string {
  if (element.tag !== DerTag.OBJECT_IDENTIFIER) throw new DerError('not an OBJECT IDENTIFIER');
  if (element.end === element.contentStart) throw new DerError('empty OBJECT IDENTIFIER');
  const arcs: bigint[] = [];
  let value = 0n;
  let inArc = false;
  for (let i = element.contentStart; i < element.end; i++) {
    value = (value << 7n) | BigInt(buf[i] & 0x7f);
    inArc = (buf[i] & 0x80) !== 0;
    if (!inArc) {
      arcs.push(value);
      value = 0n;
    }
  }
  if (inArc) throw new DerError('OBJECT IDENTIFIER ends inside an arc');
  // The first sub-identifier packs the first two arcs (X.690 8.19.4).
  const head = arcs[0];
  const first = head < 40n ? 0n : head < 80n ? 1n : 2n;
  return [first, head - first * 40n, ...arcs.slice(1)].join('.');
}

/** UTCTime (YYMMDDHHMMSSZ, RFC 5280 years 1950–2049) or GeneralizedTime (YYYYMMDDHHMMSSZ). */
export function decodeTime(buf: Uint8Array, element: DerElement): Date {
  const text = Buffer.from(buf.subarray(element.contentStart, element.end)).toString('latin1');
  let match: RegExpExecArray | null;
  let year: number;
  if (element.tag === DerTag.UTC_TIME) {
    match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
    if (match === null) throw new DerError(`malformed UTCTime "${text}"`);
    const yy = Number(match[1]);
    year = yy < 50 ? 2000 + yy : 1900 + yy;
  } else if (element.tag === DerTag.GENERALIZED_TIME) {
    match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
    if (match === null) throw new DerError(`malformed GeneralizedTime "${text}"`);
    year = Number(match[1]);
  } else {
    throw new DerError('not a time');
  }
  const [month, day, hour, minute, second] = match.slice(2).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC maps years 0–99 to 1900–1999; set the year explicitly so GeneralizedTime stays exact.
  date.setUTCFullYear(year);
  return date;
}
