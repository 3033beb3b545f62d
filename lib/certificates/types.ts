// Public types of the certificate intake. Pure data: no cdk8s, no I/O.

/** Where a certificate came from: the file (or inline label) and its 0-based position in it. */
export interface CertificateSource {
  /** Path of the file as given (or as found in a directory), or `inline:<label>` for inline PEM. */
  readonly file: string;
  /** 0-based index of the certificate among the certificate blocks of that file. */
  readonly index: number;
}

/** One CA certificate, validated and normalized. */
export interface CaCertificate {
  /** Unique name: becomes the ConfigMap key `<alias>.crt` and a file name. */
  readonly alias: string;
  readonly source: CertificateSource;
  /** Canonical PEM: `-----BEGIN CERTIFICATE-----`, 64-column base64, LF line ends, final newline. */
  readonly pem: string;
  /** Distinguished names as Node's X509Certificate prints them (one `key=value` per line). */
  readonly subject: string;
  readonly issuer: string;
  /** Serial number in upper-case hex. */
  readonly serial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** SHA-256 fingerprint, upper-case hex pairs separated by `:`. */
  readonly fingerprint256: string;
  /** True when basicConstraints says CA:TRUE. */
  readonly isCA: boolean;
  /** True when the certificate is issued by itself and its signature verifies with its own key. */
  readonly selfSigned: boolean;
}

/** Where certificates come from. Exactly one of `path` or `pem`. */
export interface CertificateInput {
  /** A PEM file (one or more certificates), a DER file, or a directory (`*.pem`, `*.crt`, `*.cer`, `*.der`, sorted by name). */
  readonly path?: string;
  /** Inline PEM text (for code users). */
  readonly pem?: string;
  /**
   * Alias of the certificate. With several certificates in one input, `<alias>-1`, `<alias>-2`, ….
   * @default derived from the file name (inline input: from `label`)
   */
  readonly alias?: string;
  /**
   * Label used in messages and as alias base for inline PEM.
   * @default `inline-<position in the input list>`
   */
  readonly label?: string;
}

/** What the intake accepts. The defaults refuse everything that a trust store should not hold. */
export interface TrustPolicy {
  /**
   * Accept certificates that are expired or not yet valid.
   * @default false
   */
  readonly allowExpired?: boolean;
  /**
   * Accept certificates whose basicConstraints do not say CA:TRUE.
   * @default false
   */
  readonly allowNonCa?: boolean;
  /**
   * Warn about certificates that expire within this many days.
   * @default 30
   */
  readonly expiryWarningDays?: number;
}

export interface LoadOptions {
  readonly policy?: TrustPolicy;
  /**
   * The clock used for validity checks (injectable so tests and snapshots never rot).
   * @default () => new Date()
   */
  readonly now?: () => Date;
  /**
   * Base directory for relative paths.
   * @default process.cwd()
   */
  readonly baseDir?: string;
}

/** A problem that does not stop the run. */
export interface CertificateWarning {
  readonly source: CertificateSource;
  readonly message: string;
}

export interface LoadResult {
  /** In input order; inside a file in block order; inside a directory in file-name order. */
  readonly certificates: readonly CaCertificate[];
  readonly warnings: readonly CertificateWarning[];
}
