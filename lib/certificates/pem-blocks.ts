// Finds and classifies PEM blocks (RFC 7468) in text that may hold anything else around them:
// `openssl x509 -text` output, CRLF line ends, a BOM, trailing blanks, blocks glued together
// by a `cat` of files without a final newline. Only the markers matter, not the lines.

import { CertificateError } from './errors';

export type BlockKind = 'certificate' | 'trusted-certificate' | 'private-key' | 'csr' | 'other';

export interface PemBlock {
  /** 0-based position among all PEM blocks of the text. */
  readonly index: number;
  readonly label: string;
  readonly kind: BlockKind;
  /** 1-based line of the BEGIN marker, for messages. */
  readonly line: number;
  /** The text between the markers with all whitespace removed (not yet checked to be base64). */
  readonly body: string;
}

// Labels cannot contain `-` (RFC 7468), so `[^-\r\n]*` stops at the closing dashes.
const MARKER = /-----(BEGIN|END) ([^-\r\n]*)-----/g;
const PRIVATE_KEY_LABEL = /PRIVATE KEY/i;

export function classifyLabel(label: string): BlockKind {
  if (PRIVATE_KEY_LABEL.test(label)) return 'private-key';
  switch (label) {
    case 'CERTIFICATE':
    case 'X509 CERTIFICATE': // pre-RFC 7468 label, still read by OpenSSL
      return 'certificate';
    case 'TRUSTED CERTIFICATE':
      return 'trusted-certificate';
    case 'CERTIFICATE REQUEST':
    case 'NEW CERTIFICATE REQUEST':
      return 'csr';
    default:
      return 'other';
  }
}

/** Bytes to text: a UTF-8 BOM is dropped; line ends are left alone (the parser ignores them). */
export function decodeText(content: Buffer): string {
  const text = content.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function hasPemMarkers(text: string): boolean {
  return text.includes('-----BEGIN ');
}

/** Maps an offset to its 1-based line; CRLF counts once, a lone CR (old Mac) counts too. */
function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push((m.index ?? 0) + m[0].length);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

interface Marker {
  readonly begin: boolean;
  readonly label: string;
  readonly offset: number;
  readonly end: number;
}

function markers(text: string): Marker[] {
  return [...text.matchAll(MARKER)].map((m) => ({
    begin: m[1] === 'BEGIN',
    label: m[2],
    offset: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
}

export function privateKeyMessage(file: string, blockNumber: number, line: number, label: string): string {
  return (
    `${file}: PEM block ${blockNumber} (line ${line}) is a private key (${label}); remove it — ` +
    'a private key must never be distributed as a trusted CA'
  );
}

/**
 * Refuses a private key anywhere in the text, before any other check, so that a key is never
 * accepted or overlooked because something else in the file was wrong. Only the label and the
 * position are reported: never any of the key's text.
 */
export function refusePrivateKeys(text: string, file: string): void {
  const lineAt = lineCounter(text);
  let blockIndex = -1;
  for (const marker of markers(text)) {
    if (!marker.begin) continue;
    blockIndex++;
    if (PRIVATE_KEY_LABEL.test(marker.label)) {
      throw new CertificateError(
        privateKeyMessage(file, blockIndex + 1, lineAt(marker.offset), marker.label),
        file,
        blockIndex,
      );
    }
  }
}

/** All PEM blocks of the text, in order. Throws on a BEGIN without its END (or the reverse). */
export function findPemBlocks(text: string, file: string): PemBlock[] {
  const lineAt = lineCounter(text);
  const blocks: PemBlock[] = [];
  let open: Marker | undefined;
  for (const marker of markers(text)) {
    const number = blocks.length + 1;
    if (marker.begin) {
      if (open !== undefined) {
        throw new CertificateError(
          `${file}: PEM block ${number} (line ${lineAt(open.offset)}, ${open.label}) has no ` +
            `"-----END ${open.label}-----" line before the next BEGIN (line ${lineAt(marker.offset)}); ` +
            'the file looks truncated or damaged — export the certificate again',
          file,
          blocks.length,
        );
      }
      open = marker;
      continue;
    }
    if (open === undefined) {
      throw new CertificateError(
        `${file}: line ${lineAt(marker.offset)} has "-----END ${marker.label}-----" without a ` +
          'BEGIN line; the file looks truncated or damaged — export the certificate again',
        file,
      );
    }
    if (marker.label !== open.label) {
      throw new CertificateError(
        `${file}: PEM block ${number} (line ${lineAt(open.offset)}) begins as ${open.label} but ends ` +
          `as ${marker.label} (line ${lineAt(marker.offset)}); the file looks damaged — export the ` +
          'certificate again',
        file,
        blocks.length,
      );
    }
    blocks.push({
      index: blocks.length,
      label: open.label,
      kind: classifyLabel(open.label),
      line: lineAt(open.offset),
      body: text.slice(open.end, marker.offset).replace(/\s+/g, ''),
    });
    open = undefined;
  }
  if (open !== undefined) {
    throw new CertificateError(
      `${file}: PEM block ${blocks.length + 1} (line ${lineAt(open.offset)}, ${open.label}) has no ` +
        `"-----END ${open.label}-----" line; the file looks truncated — export the certificate again`,
      file,
      blocks.length,
    );
  }
  return blocks;
}

/** Strict base64 (Buffer.from would silently skip bad characters); undefined when it is not. */
export function decodeBase64(body: string): Buffer | undefined {
  if (body.length === 0 || body.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return undefined;
  return Buffer.from(body, 'base64');
}
