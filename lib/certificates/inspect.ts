// Builds the exposed description of one certificate from Node's X509Certificate and the DER.

import type { X509Certificate } from 'node:crypto';
import { toCanonicalPem } from './canonical-pem';
import type { ExtractedCertificate } from './extract';
import type { CaCertificate } from './types';
import { signatureAlgorithmOid, validityDates } from './x509-der';

/** Everything but the alias, plus what the policy needs to warn. */
export interface InspectedCertificate extends Omit<CaCertificate, 'alias'> {
  /** OID of the algorithm the issuer signed with. */
  readonly signatureAlgorithm: string;
  /** Modulus length when the key is RSA (or RSA-PSS). */
  readonly rsaBits?: number;
  readonly trustSettingsDropped: boolean;
}

function isSelfSigned(x509: X509Certificate): boolean {
  // checkIssued compares names (and key identifiers); verify proves the key really signed it.
  try {
    return x509.checkIssued(x509) && x509.verify(x509.publicKey);
  } catch {
    return false; // a key type Node cannot use: not provably self-signed
  }
}

function rsaBits(x509: X509Certificate): number | undefined {
  try {
    const key = x509.publicKey;
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') return undefined;
    return key.asymmetricKeyDetails?.modulusLength;
  } catch {
    return undefined;
  }
}

export function inspectCertificate(extracted: ExtractedCertificate): InspectedCertificate {
  const { x509, der } = extracted;
  const { notBefore, notAfter } = validityDates(der);
  const bits = rsaBits(x509);
  return {
    source: extracted.source,
    pem: toCanonicalPem(der),
    subject: x509.subject,
    issuer: x509.issuer,
    serial: x509.serialNumber.toUpperCase(),
    notBefore,
    notAfter,
    fingerprint256: x509.fingerprint256,
    isCA: x509.ca,
    selfSigned: isSelfSigned(x509),
    signatureAlgorithm: signatureAlgorithmOid(der),
    ...(bits === undefined ? {} : { rsaBits: bits }),
    trustSettingsDropped: extracted.trustSettingsDropped,
  };
}
