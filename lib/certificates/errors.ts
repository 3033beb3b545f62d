// The one error type of the intake: callers (CLI, synthesis) catch it and print the message as is.

import type { CertificateSource } from './types';

/** Thrown on any refusal. The message names the file (and block or certificate) and says what to do. */
export class CertificateError extends Error {
  /** The file as reported in results (`inline:<label>` for inline PEM, `inputs[<n>]` for a malformed input). */
  readonly file: string;
  /**
   * 0-based position of the thing at fault inside the file: the certificate (as in
   * `CertificateSource.index`) for certificate problems, the PEM block for block problems.
   * Messages count PEM blocks from 1 ("PEM block 2"); `file#n` references are 0-based.
   */
  readonly index?: number;

  constructor(message: string, file: string, index?: number) {
    super(message);
    this.name = 'CertificateError';
    this.file = file;
    if (index !== undefined) this.index = index;
  }
}

/** `file#index`: the short reference used in messages about one certificate. */
export function sourceRef(source: CertificateSource): string {
  return `${source.file}#${source.index}`;
}

/** Node prints names one attribute per line; messages want them on one line. */
export function oneLineName(name: string): string {
  return name.split('\n').join(', ');
}
