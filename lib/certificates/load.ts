// The intake: read every input, refuse what a trust store must not hold, name and normalize the rest.

import * as path from 'node:path';
import { ALIAS_RULE, aliasBase, isValidAlias, numberedAliases, slugify } from './alias';
import { DerError } from './der';
import { CertificateError, sourceRef } from './errors';
import { type ExtractedCertificate, extractCertificates, refusePrivateKeysIn } from './extract';
import { type InspectedCertificate, inspectCertificate } from './inspect';
import { checkCertificate, refuseBadAliases, refuseDuplicateCertificates, resolvePolicy } from './policy';
import { readSources, type SourceContent } from './read-sources';
import type { CaCertificate, CertificateInput, CertificateWarning, LoadOptions, LoadResult } from './types';

function aliasesFor(source: SourceContent, count: number): string[] {
  if (source.alias !== undefined) {
    // A given alias is the user's choice: refuse it when invalid rather than silently changing it.
    if (!isValidAlias(source.alias)) {
      throw new CertificateError(
        `${source.file}: alias "${source.alias}" is not valid: ${ALIAS_RULE}`,
        source.file,
      );
    }
    return numberedAliases(source.alias, count, false);
  }
  const { name, isFileName } = source.aliasFrom;
  const base = slugify(aliasBase(name, isFileName));
  if (base === '') {
    throw new CertificateError(
      `${source.file}: no alias can be derived from the ${isFileName ? 'file name' : 'label'} "${name}" ` +
        `(${ALIAS_RULE}); set alias on this input`,
      source.file,
    );
  }
  return numberedAliases(base, count, true);
}

/** OpenSSL parsed it, but the DER reader may still meet an encoding it does not cover (BER times). */
function inspectOrRefuse(item: ExtractedCertificate): InspectedCertificate {
  try {
    return inspectCertificate(item);
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    throw new CertificateError(
      `${sourceRef(item.source)}: its DER encoding cannot be read (${error.message}); re-export it, e.g. with ` +
        '"openssl x509 -in <file> -outform PEM"',
      item.source.file,
      item.source.index,
    );
  }
}

/** Only the public fields: the policy's working data stays internal. */
function toCaCertificate(cert: InspectedCertificate, alias: string): CaCertificate {
  return {
    alias,
    source: cert.source,
    pem: cert.pem,
    subject: cert.subject,
    issuer: cert.issuer,
    serial: cert.serial,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    fingerprint256: cert.fingerprint256,
    isCA: cert.isCA,
    selfSigned: cert.selfSigned,
  };
}

/**
 * Loads CA certificates from files, directories and inline PEM; refuses (throws CertificateError)
 * anything a trust store must not hold, and returns the certificates in input order with warnings.
 */
export function loadCertificates(inputs: readonly CertificateInput[], options: LoadOptions = {}): LoadResult {
  const now = (options.now ?? (() => new Date()))();
  const policy = resolvePolicy(options.policy);
  const baseDir = path.resolve(options.baseDir ?? process.cwd());

  const sources = readSources(inputs, baseDir);
  // Keys first, in every source, so that nothing else can hide one.
  for (const source of sources) refusePrivateKeysIn(source);

  const perSource: { source: SourceContent; extracted: ExtractedCertificate[] }[] = sources.map((source) => ({
    source,
    extracted: extractCertificates(source),
  }));

  const certificates: CaCertificate[] = [];
  const warnings: CertificateWarning[] = [];
  for (const { source, extracted } of perSource) {
    const aliases = aliasesFor(source, extracted.length);
    extracted.forEach((item, i) => {
      const inspected = inspectOrRefuse(item);
      warnings.push(...checkCertificate(inspected, policy, now));
      certificates.push(toCaCertificate(inspected, aliases[i]));
    });
  }
  refuseDuplicateCertificates(certificates);
  refuseBadAliases(certificates);
  return { certificates, warnings };
}
