// One byte-exact PEM form for every certificate (what `openssl x509 -outform PEM` writes), so the
// rendered bundle does not change when only the input's formatting does.

/** `-----BEGIN CERTIFICATE-----`, base64 in 64-column lines, `-----END CERTIFICATE-----`, LF ends. */
export function toCanonicalPem(der: Buffer): string {
  const base64 = der.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64));
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
