// From a source's bytes to parsed X.509 certificates: PEM blocks or a single DER certificate.
// Everything that is not a certificate is refused here, naming the block.

import { createPrivateKey, X509Certificate } from 'node:crypto';
import { DerError } from './der';
import { CertificateError } from './errors';
import {
  decodeBase64,
  decodeText,
  findPemBlocks,
  hasPemMarkers,
  type PemBlock,
  refusePrivateKeys,
} from './pem-blocks';
import type { SourceContent } from './read-sources';
import type { CertificateSource } from './types';
import { firstElementLength } from './x509-der';

export interface ExtractedCertificate {
  readonly source: CertificateSource;
  /** The DER of the certificate alone. */
  readonly der: Buffer;
  readonly x509: X509Certificate;
  /** The block was a TRUSTED CERTIFICATE: its OpenSSL trust settings were dropped. */
  readonly trustSettingsDropped: boolean;
}

const REEXPORT = 're-export it, e.g. with "openssl x509 -in <file> -outform PEM"';

function isBlank(content: Buffer): boolean {
  return decodeText(content).trim() === '';
}

/** Node can decode it as a private key (an encrypted one fails only for want of a passphrase). */
function isDerPrivateKey(content: Buffer): boolean {
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      createPrivateKey({ key: content, format: 'der', type });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_MISSING_PASSPHRASE') return true;
    }
  }
  return false;
}

/**
 * Refuses a private key anywhere in a source. Run on every source before anything else is checked.
 * Messages give positions and labels only, never key material.
 */
export function refusePrivateKeysIn(source: SourceContent): void {
  const text = decodeText(source.content);
  if (hasPemMarkers(text)) {
    refusePrivateKeys(text, source.file);
  } else if (!source.inline && source.content[0] === 0x30 && isDerPrivateKey(source.content)) {
    throw new CertificateError(
      `${source.file}: does not decode to an X.509 certificate — it looks like a private key in DER form; ` +
        'remove it — a private key must never be distributed as a trusted CA',
      source.file,
    );
  }
}

function parse(der: Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(der);
  } catch {
    return undefined;
  }
}

function blockName(block: PemBlock): string {
  return `PEM block ${block.index + 1} (line ${block.line})`;
}

function refuseBlock(file: string, block: PemBlock): never {
  const at = `${file}: ${blockName(block)}`;
  switch (block.kind) {
    case 'private-key': // refusePrivateKeys has run already; kept so this function alone is safe too
      throw new CertificateError(
        `${at} is a private key (${block.label}); remove it — a private key must never be distributed as a trusted CA`,
        file,
        block.index,
      );
    case 'csr':
      throw new CertificateError(
        `${at} is a certificate signing request (${block.label}), not a certificate; give the certificate ` +
          'of the CA instead (a CSR is what you send to a CA to get a certificate)',
        file,
        block.index,
      );
    default: {
      const hint =
        block.label === 'PKCS7' ? ' (extract the certificates with "openssl pkcs7 -print_certs")' : '';
      throw new CertificateError(
        `${at} is a ${block.label} block, not a certificate; only CERTIFICATE blocks are accepted — ` +
          `remove it${hint}`,
        file,
        block.index,
      );
    }
  }
}

function fromPemBlock(file: string, block: PemBlock, certificateIndex: number): ExtractedCertificate {
  const at = `${file}: ${blockName(block)}`;
  const bytes = decodeBase64(block.body);
  if (bytes === undefined) {
    throw new CertificateError(
      `${at} (${block.label}) is not valid base64; the file looks damaged or edited — ${REEXPORT}`,
      file,
      block.index,
    );
  }
  const trusted = block.kind === 'trusted-certificate';
  let length: number;
  try {
    length = firstElementLength(bytes);
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    length = -1;
  }
  // A TRUSTED CERTIFICATE is the certificate followed by OpenSSL's trust settings: keep the former.
  // A plain CERTIFICATE block must hold the certificate and nothing else.
  const der = length < 0 ? undefined : bytes.subarray(0, length);
  const x509 = der === undefined ? undefined : parse(der);
  if (der === undefined || x509 === undefined) {
    throw new CertificateError(
      `${at} (${block.label}) does not parse as an X.509 certificate; ${REEXPORT}`,
      file,
      block.index,
    );
  }
  if (!trusted && length !== bytes.length) {
    throw new CertificateError(
      `${at} (${block.label}) has ${bytes.length - length} unexpected bytes after the certificate; ${REEXPORT}`,
      file,
      block.index,
    );
  }
  return { source: { file, index: certificateIndex }, der, x509, trustSettingsDropped: trusted };
}

function fromDer(source: SourceContent): ExtractedCertificate {
  const { file, content } = source;
  const notX509 = new CertificateError(
    `${file}: has no PEM block and does not decode to an X.509 certificate (DER); give a PEM or DER ` +
      'certificate file',
    file,
  );
  let length: number;
  try {
    length = firstElementLength(content);
  } catch (error) {
    if (error instanceof DerError) throw notX509;
    throw error;
  }
  const der = content.subarray(0, length);
  const x509 = parse(der);
  if (x509 === undefined) throw notX509;
  if (length !== content.length) {
    throw new CertificateError(
      `${file}: has ${content.length - length} unexpected bytes after the DER certificate; ${REEXPORT}`,
      file,
    );
  }
  return { source: { file, index: 0 }, der, x509, trustSettingsDropped: false };
}

/** The certificates of one source, in block order. Throws on anything else. */
export function extractCertificates(source: SourceContent): ExtractedCertificate[] {
  const { file } = source;
  if (isBlank(source.content)) {
    throw new CertificateError(`${file}: is empty; give a file with at least one CA certificate`, file);
  }
  const text = decodeText(source.content);
  if (!hasPemMarkers(text)) {
    if (!source.inline && source.content[0] === 0x30) return [fromDer(source)];
    throw new CertificateError(
      `${file}: contains no certificate — no "-----BEGIN CERTIFICATE-----" block` +
        `${source.inline ? '' : ' and not a DER certificate'}; give a PEM or DER CA certificate`,
      file,
    );
  }
  const certificates: ExtractedCertificate[] = [];
  for (const block of findPemBlocks(text, file)) {
    if (block.kind !== 'certificate' && block.kind !== 'trusted-certificate') refuseBlock(file, block);
    certificates.push(fromPemBlock(file, block, certificates.length));
  }
  // "-----BEGIN " without a whole marker (e.g. "-----BEGIN CERT" cut short) yields no block at all.
  if (certificates.length === 0) {
    throw new CertificateError(
      `${file}: contains no certificate — no complete "-----BEGIN CERTIFICATE-----" line; give a PEM or DER ` +
        'CA certificate',
      file,
    );
  }
  return certificates;
}
