// Test helpers for the certificate intake's refusals.

import { CertificateError } from '../../lib/certificates';

/** Runs `fn` and returns the CertificateError it throws; fails the test when it throws nothing or something else. */
export function refusal(fn: () => unknown): CertificateError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CertificateError) return error;
    throw error;
  }
  throw new Error('expected a CertificateError, but nothing was thrown');
}

/** Every 12-character window of a PEM block's base64 body: none may show up in a message. */
export function secretWindows(pem: string, width = 12): string[] {
  const body = pem
    .split(/\r?\n/)
    .filter((line) => line !== '' && !line.startsWith('-----'))
    .join('');
  const windows: string[] = [];
  for (let i = 0; i + width <= body.length; i++) windows.push(body.slice(i, i + width));
  return windows;
}

/** Hex and base64 windows of raw key bytes (a DER key file). */
export function secretByteWindows(bytes: Buffer, width = 6): string[] {
  const windows: string[] = [];
  for (let i = 0; i + width <= bytes.length; i++) {
    const chunk = bytes.subarray(i, i + width);
    windows.push(chunk.toString('hex'), chunk.toString('hex').toUpperCase());
  }
  return [...windows, ...secretWindows(bytes.toString('base64'))];
}

/** True when the message contains none of the windows. */
export function leaksNothing(message: string, windows: readonly string[]): boolean {
  return windows.every((w) => !message.includes(w));
}
