import type { CaTrust } from '../trust/ca-trust';

/** Header lines listing the CAs a values file carries, so a reviewer sees what changed at a glance. */
export function certificateNotes(trust: CaTrust): string[] {
  const mode =
    trust.mode === 'append'
      ? 'append (extraCerts: added to the system bundle)'
      : `replace (overrideCaCertificatesCrt: ${trust.publicRoots?.length ? `${trust.publicRoots.length} public roots + ` : 'only '}these CAs)`;
  return [
    `Mode: ${mode}. CA certificates:`,
    ...trust.certificates.map(
      (c) => `  ${c.alias}  SHA-256 ${c.fingerprint256}  expires ${c.notAfter.toISOString().slice(0, 10)}`,
    ),
  ];
}
