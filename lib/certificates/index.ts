// Public API of the certificate intake: pure TypeScript, synchronous, no cdk8s.

export { ALIAS_MAX_LENGTH, ALIAS_PATTERN, ALIAS_RULE, isValidAlias } from './alias';
export { toCanonicalPem } from './canonical-pem';
export { CertificateError } from './errors';
export { loadCertificates } from './load';
export { DEFAULT_EXPIRY_WARNING_DAYS, formatWarning } from './policy';
export { DIRECTORY_EXTENSIONS } from './read-sources';
export type {
  CaCertificate,
  CertificateInput,
  CertificateSource,
  CertificateWarning,
  LoadOptions,
  LoadResult,
  TrustPolicy,
} from './types';
