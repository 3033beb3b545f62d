// Warnings (expiry window, weak keys, weak signatures, trust settings) and policy allowances.

import * as path from 'node:path';
import {
  type CertificateWarning,
  formatWarning,
  type LoadOptions,
  loadCertificates,
} from '../../lib/certificates';
import { refusal } from '../support/certificate-errors';
import {
  createTestPki,
  type IssuedCertificate,
  makeTempDir,
  removeTempDir,
  type TestPki,
} from '../support/pki';

const DAY_MS = 24 * 60 * 60 * 1000;

let dir: string;
let pki: TestPki;
let root: IssuedCertificate;
let weakRoot: IssuedCertificate;
let sha1Root: IssuedCertificate;
let sha1RsaIntermediate: IssuedCertificate;
let sha1EcdsaIntermediate: IssuedCertificate;
let md5Intermediate: IssuedCertificate;
let leaf: IssuedCertificate;
let expired: IssuedCertificate;
let rootNotAfter: Date;

function warningsFor(cert: IssuedCertificate, options: LoadOptions = {}): readonly CertificateWarning[] {
  return loadCertificates([{ path: cert.certPath }], options).warnings;
}

function messages(warnings: readonly CertificateWarning[]): string[] {
  return warnings.map((w) => w.message);
}

beforeAll(() => {
  dir = makeTempDir('certificates-policy');
  pki = createTestPki(path.join(dir, 'pki'));
  root = pki.makeRootCa({ cn: 'Policy Root CA', days: 365 });
  weakRoot = pki.makeRootCa({ cn: 'Weak RSA Root CA', keyBits: 1024 });
  sha1Root = pki.makeRootCa({ cn: 'SHA1 Root CA', md: 'sha1' });
  sha1RsaIntermediate = pki.makeIntermediateCa(weakRoot, { cn: 'SHA1 RSA Intermediate CA', md: 'sha1' });
  sha1EcdsaIntermediate = pki.makeIntermediateCa(root, { cn: 'SHA1 ECDSA Intermediate CA', md: 'sha1' });
  md5Intermediate = pki.makeIntermediateCa(weakRoot, { cn: 'MD5 Intermediate CA', md: 'md5' });
  leaf = pki.makeLeaf(root, { cn: 'localhost', sans: ['DNS:localhost', 'IP:127.0.0.1'] });
  expired = pki.makeRootCa({
    cn: 'Expired Root CA',
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2021-01-01T00:00:00Z'),
  });
  rootNotAfter = loadCertificates([{ path: root.certPath }]).certificates[0].notAfter;
});

afterAll(() => removeTempDir(dir));

test('a sound CA gives no warning', () => {
  expect(warningsFor(root)).toEqual([]);
});

describe('expiry window', () => {
  const at = (daysBeforeExpiry: number) => () => new Date(rootNotAfter.getTime() - daysBeforeExpiry * DAY_MS);

  test('warns within the default 30 days, with the date', () => {
    expect(warningsFor(root, { now: at(10) })).toEqual([
      {
        source: { file: root.certPath, index: 0 },
        message: `expires on ${rootNotAfter.toISOString()}, in 10 day(s) (warning window: 30 days); renew it soon`,
      },
    ]);
  });

  test('warns on the last day of the window, not the day before it', () => {
    expect(warningsFor(root, { now: at(30) })).toHaveLength(1);
    expect(warningsFor(root, { now: at(31) })).toEqual([]);
  });

  test('follows policy.expiryWarningDays', () => {
    expect(warningsFor(root, { now: at(10), policy: { expiryWarningDays: 5 } })).toEqual([]);
    expect(messages(warningsFor(root, { now: at(80), policy: { expiryWarningDays: 90 } }))).toEqual([
      expect.stringContaining('in 80 day(s) (warning window: 90 days)'),
    ]);
    expect(warningsFor(root, { now: at(1), policy: { expiryWarningDays: 0 } })).toEqual([]);
  });

  test('refuses a negative or non-finite window', () => {
    for (const days of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = refusal(() => warningsFor(root, { policy: { expiryWarningDays: days } }));
      expect(error.message).toBe(
        `policy.expiryWarningDays: must be a number of days, 0 or more (got ${days})`,
      );
    }
  });

  test('the clock is read once per call', () => {
    let calls = 0;
    const now = () => {
      calls++;
      return new Date();
    };
    loadCertificates([{ path: root.certPath }, { pem: weakRoot.pem }, { pem: leaf.pem }], {
      now,
      policy: { allowNonCa: true },
    });
    expect(calls).toBe(1);
  });
});

describe('allowances', () => {
  test('allowExpired accepts an expired certificate, and says so', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const result = loadCertificates([{ path: expired.certPath }], {
      now: () => now,
      policy: { allowExpired: true },
    });
    expect(result.certificates).toHaveLength(1);
    expect(result.certificates[0].notAfter.toISOString()).toBe('2021-01-01T00:00:00.000Z');
    expect(messages(result.warnings)).toEqual([
      'expired on 2021-01-01T00:00:00.000Z (now is 2025-01-01T00:00:00.000Z); accepted because policy.allowExpired is set',
    ]);
  });

  test('allowExpired accepts a certificate not yet valid', () => {
    const now = () => new Date('2019-06-01T00:00:00Z');
    const result = loadCertificates([{ path: expired.certPath }], { now, policy: { allowExpired: true } });
    expect(messages(result.warnings)).toEqual([
      'is not valid before 2020-01-01T00:00:00.000Z (now is 2019-06-01T00:00:00.000Z); accepted because ' +
        'policy.allowExpired is set',
    ]);
  });

  test('allowNonCa accepts a leaf certificate, and says so', () => {
    const result = loadCertificates([{ path: leaf.certPath }], { policy: { allowNonCa: true } });
    expect(result.certificates[0].isCA).toBe(false);
    expect(result.certificates[0].selfSigned).toBe(false);
    expect(messages(result.warnings)).toEqual([
      'is not a CA certificate (no CA:TRUE); accepted because policy.allowNonCa is set',
    ]);
  });

  test('allowExpired does not allow a non-CA, nor the reverse', () => {
    expect(refusal(() => warningsFor(leaf, { policy: { allowExpired: true } })).message).toContain(
      'is not a CA certificate',
    );
    expect(refusal(() => warningsFor(expired, { policy: { allowNonCa: true } })).message).toContain(
      'expired on',
    );
  });
});

describe('weak keys and signatures', () => {
  test('an RSA key under 2048 bits', () => {
    expect(messages(warningsFor(weakRoot))).toEqual([
      "has a 1024-bit RSA key; OpenSSL's default security level and most clients reject RSA keys under 2048 " +
        'bits — replace it with a CA that has a stronger key',
    ]);
  });

  test('a SHA-1 RSA signature on an issued CA', () => {
    expect(messages(warningsFor(sha1RsaIntermediate))).toEqual([
      "is signed with SHA-1 (sha1WithRSAEncryption); OpenSSL's default security level rejects SHA-1-signed " +
        'certificates in a chain — have it re-issued with SHA-256',
    ]);
  });

  test('a SHA-1 ECDSA signature on an issued CA', () => {
    expect(messages(warningsFor(sha1EcdsaIntermediate))).toEqual([
      expect.stringContaining('is signed with SHA-1 (ecdsa-with-SHA1)'),
    ]);
  });

  test('an MD5 signature on an issued CA', () => {
    expect(messages(warningsFor(md5Intermediate))).toEqual([
      expect.stringContaining('is signed with MD5 (md5WithRSAEncryption)'),
    ]);
  });

  test('a SHA-1 self-signed root: its own signature is never checked, so no warning', () => {
    const result = loadCertificates([{ path: sha1Root.certPath }]);
    expect(result.certificates[0].selfSigned).toBe(true);
    expect(result.warnings).toEqual([]);
  });
});

describe('warning order and format', () => {
  test('warnings follow certificate order; formatWarning gives one line with the source', () => {
    const bundle = pki.write('mixed.pem', root.pem + weakRoot.pem + sha1RsaIntermediate.pem);
    const trusted = pki
      .openssl(['x509', '-in', sha1Root.certPath, '-trustout', '-addtrust', 'clientAuth'])
      .toString();
    const result = loadCertificates(
      [{ path: bundle }, { pem: trusted, label: 'trusted', alias: 'trusted-root' }],
      {
        now: () => new Date(rootNotAfter.getTime() - 2.5 * DAY_MS),
      },
    );
    // Made in the same run, they all expire within the window: one expiry warning each, first.
    const expiry = (ref: string) =>
      new RegExp(`^${ref}: expires on .*, in 2 day\\(s\\) \\(warning window: 30 days\\)`);
    expect(result.warnings.map(formatWarning)).toEqual([
      `${bundle}#0: expires on ${rootNotAfter.toISOString()}, in 2 day(s) (warning window: 30 days); renew it soon`,
      expect.stringMatching(expiry(`${bundle}#1`)),
      expect.stringMatching(new RegExp(`^${bundle}#1: has a 1024-bit RSA key; `)),
      expect.stringMatching(expiry(`${bundle}#2`)),
      expect.stringMatching(new RegExp(`^${bundle}#2: is signed with SHA-1 `)),
      expect.stringMatching(expiry('inline:trusted#0')),
      'inline:trusted#0: was a TRUSTED CERTIFICATE block; its OpenSSL trust settings were dropped and ' +
        'only the certificate was kept, so it will be trusted for every purpose',
    ]);
  });
});
