// What a deployment is asked to trust: the loaded CAs and how they reach the trust store.
// Pure data and text, no cdk8s.

import * as tls from 'node:tls';
import { toCanonicalPem } from '../certificates';
import type { CaCertificate } from '../certificates/types';
import type { TrustMode } from '../config/model';

export interface CaTrust {
  readonly mode: TrustMode;
  /** The custom CAs, in config order. */
  readonly certificates: readonly CaCertificate[];
  /**
   * Replace mode only: canonical PEM roots written before the custom CAs.
   * @default none: the bundle holds only `certificates`
   */
  readonly publicRoots?: readonly string[];
}

/** The Mozilla roots compiled into this Node binary, in canonical PEM (they change with Node releases). */
export function nodePublicRoots(): readonly string[] {
  return tls.rootCertificates.map(canonicalizePem);
}

function canonicalizePem(pem: string): string {
  const base64 = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return toCanonicalPem(Buffer.from(base64, 'base64'));
}

/**
 * The text for `overrideCaCertificatesCrt` and the project-owned bundle: public roots first (as in a
 * system bundle), then the custom CAs; a custom CA that is also a public root is written once.
 */
export function replacementBundle(trust: CaTrust): string {
  const custom = new Set(trust.certificates.map((c) => c.pem));
  const roots = (trust.publicRoots ?? []).filter((pem) => !custom.has(pem));
  return [...roots, ...trust.certificates.map((c) => c.pem)].join('');
}
