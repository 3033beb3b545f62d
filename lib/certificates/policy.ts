// What a trust store may hold: validity, CA-ness, uniqueness; and what only deserves a warning.

import { ALIAS_RULE, isValidAlias } from './alias';
import { CertificateError, oneLineName, sourceRef } from './errors';
import type { InspectedCertificate } from './inspect';
import type { CaCertificate, CertificateWarning, TrustPolicy } from './types';
import { weakSignatureAlgorithm } from './x509-der';

const DAY_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_EXPIRY_WARNING_DAYS = 30;

/** The smallest RSA modulus OpenSSL's default security level accepts in a chain (and most clients). */
export const MIN_RSA_BITS = 2048;

export interface ResolvedPolicy {
  readonly allowExpired: boolean;
  readonly allowNonCa: boolean;
  readonly expiryWarningDays: number;
}

export function resolvePolicy(policy: TrustPolicy | undefined): ResolvedPolicy {
  const expiryWarningDays = policy?.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS;
  if (!Number.isFinite(expiryWarningDays) || expiryWarningDays < 0) {
    throw new CertificateError(
      `policy.expiryWarningDays: must be a number of days, 0 or more (got ${expiryWarningDays})`,
      'policy.expiryWarningDays',
    );
  }
  return {
    allowExpired: policy?.allowExpired ?? false,
    allowNonCa: policy?.allowNonCa ?? false,
    expiryWarningDays,
  };
}

function describe(cert: InspectedCertificate): string {
  return `${sourceRef(cert.source)} (${oneLineName(cert.subject)})`;
}

/** What is wrong with the dates, and what to do about it; undefined when valid now. */
function validityProblem(
  cert: InspectedCertificate,
  now: Date,
): { problem: string; fix: string } | undefined {
  if (now.getTime() > cert.notAfter.getTime()) {
    return {
      problem: `expired on ${cert.notAfter.toISOString()} (now is ${now.toISOString()})`,
      fix: "renew it and give the new certificate (or check this machine's clock)",
    };
  }
  if (now.getTime() < cert.notBefore.getTime()) {
    return {
      problem: `is not valid before ${cert.notBefore.toISOString()} (now is ${now.toISOString()})`,
      fix: "check this machine's clock and the certificate's dates",
    };
  }
  return undefined;
}

/** Throws when the policy refuses the certificate; returns the warnings about it otherwise. */
export function checkCertificate(
  cert: InspectedCertificate,
  policy: ResolvedPolicy,
  now: Date,
): CertificateWarning[] {
  const warnings: string[] = [];
  const { file, index } = cert.source;

  const validity = validityProblem(cert, now);
  if (validity !== undefined) {
    if (!policy.allowExpired) {
      throw new CertificateError(
        `${describe(cert)}: ${validity.problem}; ${validity.fix}, or set policy.allowExpired to accept it anyway`,
        file,
        index,
      );
    }
    warnings.push(`${validity.problem}; accepted because policy.allowExpired is set`);
  } else {
    const daysLeft = (cert.notAfter.getTime() - now.getTime()) / DAY_MS;
    if (daysLeft <= policy.expiryWarningDays) {
      warnings.push(
        `expires on ${cert.notAfter.toISOString()}, in ${Math.floor(daysLeft)} day(s) ` +
          `(warning window: ${policy.expiryWarningDays} days); renew it soon`,
      );
    }
  }

  if (!cert.isCA) {
    if (!policy.allowNonCa) {
      throw new CertificateError(
        `${describe(cert)}: is not a CA certificate (basicConstraints does not say CA:TRUE); it looks ` +
          'like a leaf/server certificate — give the CA certificate that issued it instead, or set ' +
          'policy.allowNonCa to trust this certificate itself',
        file,
        index,
      );
    }
    warnings.push('is not a CA certificate (no CA:TRUE); accepted because policy.allowNonCa is set');
  }

  if (cert.rsaBits !== undefined && cert.rsaBits < MIN_RSA_BITS) {
    warnings.push(
      `has a ${cert.rsaBits}-bit RSA key; OpenSSL's default security level and most clients reject RSA ` +
        `keys under ${MIN_RSA_BITS} bits — replace it with a CA that has a stronger key`,
    );
  }

  // A self-signed certificate's own signature is never checked by a verifier, so only issued ones matter.
  const weak = weakSignatureAlgorithm(cert.signatureAlgorithm);
  if (weak !== undefined && !cert.selfSigned) {
    warnings.push(
      `is signed with ${weak.hash} (${weak.name}); OpenSSL's default security level rejects ${weak.hash}-signed ` +
        'certificates in a chain — have it re-issued with SHA-256',
    );
  }

  if (cert.trustSettingsDropped) {
    warnings.push(
      'was a TRUSTED CERTIFICATE block; its OpenSSL trust settings were dropped and only the certificate ' +
        'was kept, so it will be trusted for every purpose',
    );
  }

  return warnings.map((message) => ({ source: cert.source, message }));
}

/** The same certificate twice (by SHA-256 fingerprint) is refused, naming both places. */
export function refuseDuplicateCertificates(certs: readonly CaCertificate[]): void {
  const seen = new Map<string, CaCertificate>();
  for (const cert of certs) {
    const first = seen.get(cert.fingerprint256);
    if (first !== undefined) {
      throw new CertificateError(
        `${sourceRef(cert.source)}: the same certificate (${oneLineName(cert.subject)}, SHA-256 ` +
          `${cert.fingerprint256}) is given twice: ${sourceRef(first.source)} and ${sourceRef(cert.source)}; ` +
          'give it only once',
        cert.source.file,
        cert.source.index,
      );
    }
    seen.set(cert.fingerprint256, cert);
  }
}

/** Aliases become ConfigMap keys and file names: each must be valid and unique. */
export function refuseBadAliases(certs: readonly CaCertificate[]): void {
  const seen = new Map<string, CaCertificate>();
  for (const cert of certs) {
    if (!isValidAlias(cert.alias)) {
      throw new CertificateError(
        `${sourceRef(cert.source)}: alias "${cert.alias}" is not valid: ${ALIAS_RULE}; set a valid alias`,
        cert.source.file,
        cert.source.index,
      );
    }
    const first = seen.get(cert.alias);
    if (first !== undefined) {
      throw new CertificateError(
        `alias "${cert.alias}" is used twice: ${sourceRef(first.source)} and ${sourceRef(cert.source)}; ` +
          `aliases must be unique (each becomes the ConfigMap key "${cert.alias}.crt") — set a different ` +
          'alias on one of the inputs, or rename one of the files',
        cert.source.file,
        cert.source.index,
      );
    }
    seen.set(cert.alias, cert);
  }
}

/** `<file>#<index>: <message>`: one line per warning, for logs (the caller adds any `warning:` prefix). */
export function formatWarning(warning: CertificateWarning): string {
  return `${sourceRef(warning.source)}: ${warning.message}`;
}
