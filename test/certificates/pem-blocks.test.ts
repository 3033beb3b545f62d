// Finding and classifying PEM blocks in text, on synthesized strings (no openssl needed).

import { CertificateError } from '../../lib/certificates';
import {
  classifyLabel,
  decodeBase64,
  decodeText,
  findPemBlocks,
  refusePrivateKeys,
} from '../../lib/certificates/pem-blocks';
import { refusal } from '../support/certificate-errors';

const block = (label: string, body = 'QUJD') => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;

test.each([
  ['CERTIFICATE', 'certificate'],
  ['X509 CERTIFICATE', 'certificate'],
  ['TRUSTED CERTIFICATE', 'trusted-certificate'],
  ['PRIVATE KEY', 'private-key'],
  ['RSA PRIVATE KEY', 'private-key'],
  ['EC PRIVATE KEY', 'private-key'],
  ['DSA PRIVATE KEY', 'private-key'],
  ['ENCRYPTED PRIVATE KEY', 'private-key'],
  ['OPENSSH PRIVATE KEY', 'private-key'],
  ['PGP PRIVATE KEY BLOCK', 'private-key'],
  ['CERTIFICATE REQUEST', 'csr'],
  ['NEW CERTIFICATE REQUEST', 'csr'],
  ['PUBLIC KEY', 'other'],
  ['X509 CRL', 'other'],
  ['PKCS7', 'other'],
])('label %s is %s', (label, kind) => {
  expect(classifyLabel(label)).toBe(kind);
});

describe('findPemBlocks', () => {
  test('positions, labels and bodies; text around is ignored', () => {
    const text = `intro\r\n${block('CERTIFICATE', 'QUJD\r\nREVG  \t')}\r\nbetween\r\n${block('PUBLIC KEY')}outro`;
    expect(findPemBlocks(text, 'f.pem')).toEqual([
      { index: 0, label: 'CERTIFICATE', kind: 'certificate', line: 2, body: 'QUJDREVG' },
      { index: 1, label: 'PUBLIC KEY', kind: 'other', line: 8, body: 'QUJD' },
    ]);
  });

  test('glued blocks and a lone CR count as expected', () => {
    const text = `a\rb\r${block('CERTIFICATE').trimEnd()}${block('CERTIFICATE')}`;
    expect(findPemBlocks(text, 'f.pem').map((b) => [b.index, b.line])).toEqual([
      [0, 3],
      [1, 5],
    ]);
  });

  test('a BEGIN without END', () => {
    const error = refusal(() =>
      findPemBlocks(`${block('CERTIFICATE')}x\n-----BEGIN CERTIFICATE-----\nQUJD\n`, 'f.pem'),
    );
    expect(error.message).toBe(
      'f.pem: PEM block 2 (line 5, CERTIFICATE) has no "-----END CERTIFICATE-----" line; the file looks ' +
        'truncated — export the certificate again',
    );
    expect(error.index).toBe(1);
  });

  test('a BEGIN inside a block', () => {
    const error = refusal(() =>
      findPemBlocks(`-----BEGIN CERTIFICATE-----\nQUJD\n${block('CERTIFICATE')}`, 'f.pem'),
    );
    expect(error.message).toContain(
      'f.pem: PEM block 1 (line 1, CERTIFICATE) has no "-----END CERTIFICATE-----" line before the next BEGIN (line 3)',
    );
  });
});

describe('refusePrivateKeys', () => {
  test('names block, line and label only', () => {
    const secret = 'c2VjcmV0IGtleSBtYXRlcmlhbA==';
    const error = refusal(() =>
      refusePrivateKeys(`${block('CERTIFICATE')}\n${block('EC PRIVATE KEY', secret)}`, 'k.pem'),
    );
    expect(error).toBeInstanceOf(CertificateError);
    expect(error.message).toBe(
      'k.pem: PEM block 2 (line 5) is a private key (EC PRIVATE KEY); remove it — a private key must never ' +
        'be distributed as a trusted CA',
    );
    expect(error.message).not.toContain(secret.slice(0, 8));
  });

  test('finds a key even in a damaged file', () => {
    const text = `-----BEGIN CERTIFICATE-----\n-----END PUBLIC KEY-----\n-----BEGIN PRIVATE KEY-----\nAAAA`;
    expect(refusal(() => refusePrivateKeys(text, 'k.pem')).message).toContain('PEM block 2 (line 3)');
  });

  test('lets a file without keys through', () => {
    expect(() => refusePrivateKeys(block('CERTIFICATE') + block('PUBLIC KEY'), 'k.pem')).not.toThrow();
  });
});

describe('decodeBase64', () => {
  test.each(['QUJD', 'QUI=', 'QQ==', 'AAAA+/+/'])('accepts %s', (body) => {
    expect(decodeBase64(body)).toBeInstanceOf(Buffer);
  });

  test.each(['', 'QUJ', 'QU=D', 'QUJD!', 'QQ===', 'QUJD====', 'QU-_'])('refuses %j', (body) => {
    expect(decodeBase64(body)).toBeUndefined();
  });
});

test('decodeText drops a UTF-8 BOM only at the start', () => {
  expect(decodeText(Buffer.from('\uFEFFabc\uFEFF', 'utf8'))).toBe('abc\uFEFF');
  expect(decodeText(Buffer.from('abc', 'utf8'))).toBe('abc');
});
