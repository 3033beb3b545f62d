// The few fields of an X.509 Certificate read straight from its DER (RFC 5280 4.1):
//   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signature BIT STRING }
//   TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, validity, ... }

import { DerTag, decodeOid, decodeTime, expectElement, readChildren, readElement } from './der';

/** Length of the first top-level element: a certificate, without what may follow it. */
export function firstElementLength(der: Uint8Array): number {
  const outer = readElement(der);
  expectElement(outer, DerTag.SEQUENCE, 'Certificate');
  return outer.end;
}

function certificateParts(der: Uint8Array) {
  const outer = expectElement(readElement(der), DerTag.SEQUENCE, 'Certificate');
  const [tbs, signatureAlgorithm] = readChildren(der, outer);
  return {
    tbs: expectElement(tbs, DerTag.SEQUENCE, 'tbsCertificate'),
    signatureAlgorithm: expectElement(signatureAlgorithm, DerTag.SEQUENCE, 'signatureAlgorithm'),
  };
}

/** OID of the outer signatureAlgorithm (the algorithm the issuer signed with). */
export function signatureAlgorithmOid(der: Uint8Array): string {
  const { signatureAlgorithm } = certificateParts(der);
  const [algorithm] = readChildren(der, signatureAlgorithm);
  return decodeOid(der, expectElement(algorithm, DerTag.OBJECT_IDENTIFIER, 'algorithm'));
}

/** notBefore / notAfter, exact to the second (Node only gives them as display strings). */
export function validityDates(der: Uint8Array): { notBefore: Date; notAfter: Date } {
  const { tbs } = certificateParts(der);
  const fields = readChildren(der, tbs);
  // version is optional ([0] EXPLICIT); validity is the 4th field after it.
  const first = fields[0]?.tag === DerTag.CONTEXT_0 ? 1 : 0;
  const validity = expectElement(fields[first + 3], DerTag.SEQUENCE, 'validity');
  const [notBefore, notAfter] = readChildren(der, validity);
  if (notBefore === undefined || notAfter === undefined) throw new Error('validity is incomplete');
  return { notBefore: decodeTime(der, notBefore), notAfter: decodeTime(der, notAfter) };
}

/** Signature algorithms that OpenSSL's default security level (1) rejects in a chain. */
const WEAK_SIGNATURE_ALGORITHMS: ReadonlyMap<string, { hash: string; name: string }> = new Map([
  ['1.2.840.113549.1.1.2', { hash: 'MD2', name: 'md2WithRSAEncryption' }],
  ['1.2.840.113549.1.1.4', { hash: 'MD5', name: 'md5WithRSAEncryption' }],
  ['1.2.840.113549.1.1.5', { hash: 'SHA-1', name: 'sha1WithRSAEncryption' }],
  ['1.3.14.3.2.29', { hash: 'SHA-1', name: 'sha1WithRSASignature' }],
  ['1.2.840.10045.4.1', { hash: 'SHA-1', name: 'ecdsa-with-SHA1' }],
  ['1.2.840.10040.4.3', { hash: 'SHA-1', name: 'dsa-with-sha1' }],
]);

/** The weak hash a signature algorithm uses, or undefined when it is not one of the known weak ones. */
export function weakSignatureAlgorithm(oid: string): { hash: string; name: string } | undefined {
  return WEAK_SIGNATURE_ALGORITHMS.get(oid);
}
