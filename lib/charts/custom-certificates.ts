// The charts' `customCertificates` block. The two keys are mutually exclusive, so exactly one is written.

import { type CaTrust, replacementBundle } from '../trust/ca-trust';

export interface ExtraCert {
  readonly alias: string;
  readonly pem: string;
}

export interface CustomCertificatesValues {
  readonly extraCerts?: readonly ExtraCert[];
  readonly overrideCaCertificatesCrt?: string;
  readonly propagateToTasks?: true;
}

export function customCertificatesValues(
  trust: CaTrust,
  options: { readonly propagateToTasks?: boolean } = {},
): CustomCertificatesValues {
  const certificates =
    trust.mode === 'append'
      ? { extraCerts: trust.certificates.map((c) => ({ alias: c.alias, pem: c.pem })) }
      : { overrideCaCertificatesCrt: replacementBundle(trust) };
  return options.propagateToTasks ? { ...certificates, propagateToTasks: true } : certificates;
}
