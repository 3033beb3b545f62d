// The minimal DER reader, on synthesized bytes (no openssl needed), including a SHA-1 signed
// certificate structure so the OID path is covered independently of what OpenSSL can still sign.

import { toCanonicalPem } from '../../lib/certificates';
import { DerError, decodeOid, decodeTime, readChildren, readElement } from '../../lib/certificates/der';
import {
  firstElementLength,
  signatureAlgorithmOid,
  validityDates,
  weakSignatureAlgorithm,
} from '../../lib/certificates/x509-der';

/** DER tag-length-value with definite length in the shortest form. */
function tlv(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  const n = body.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex');
const SHA1_WITH_RSA = hex('2a864886f70d010105'); // 1.2.840.113549.1.1.5
const seq = (...c: Buffer[]) => tlv(0x30, ...c);
const oid = (content: Buffer) => tlv(0x06, content);
const utc = (text: string) => tlv(0x17, Buffer.from(text, 'latin1'));
const generalized = (text: string) => tlv(0x18, Buffer.from(text, 'latin1'));

function certificate(withVersion: boolean): Buffer {
  const tbs = seq(
    ...(withVersion ? [tlv(0xa0, tlv(0x02, Buffer.from([2])))] : []),
    tlv(0x02, Buffer.from([1])),
    seq(oid(SHA1_WITH_RSA), tlv(0x05)),
    seq(), // issuer
    seq(utc('240102030405Z'), generalized('20510607080910Z')),
    seq(), // subject
  );
  return seq(tbs, seq(oid(SHA1_WITH_RSA), tlv(0x05)), tlv(0x03, Buffer.from([0])));
}

describe('readElement', () => {
  test('short and long length forms', () => {
    expect(readElement(hex('0403 aabbcc'))).toEqual({ tag: 4, start: 0, contentStart: 2, end: 5 });
    const long = Buffer.concat([hex('04 81 80'), Buffer.alloc(0x80)]);
    expect(readElement(long)).toEqual({ tag: 4, start: 0, contentStart: 3, end: 0x83 });
    const longer = Buffer.concat([hex('30 82 0100'), Buffer.alloc(0x100)]);
    expect(readElement(longer).end).toBe(0x104);
  });

  test.each([
    ['an empty buffer', '', 'data ends inside an element header'],
    ['indefinite length', '30 80 0000', 'indefinite length is not allowed in DER'],
    ['a length past the end', '30 05 0102', 'element runs past the end of the data'],
    ['a truncated long length', '30 82 01', 'data ends inside an element length'],
    ['a 5-byte length', '30 85 0000000001 00', 'element length does not fit in 4 bytes'],
    ['a high tag number', '1f 01 00', 'high-tag-number form is not supported'],
  ])('refuses %s', (_what, bytes, message) => {
    expect(() => readElement(hex(bytes))).toThrow(new DerError(message));
  });

  test('children stay inside their parent', () => {
    const buf = hex('3006 0201 01 0401 ff');
    expect(readChildren(buf, readElement(buf)).map((c) => c.tag)).toEqual([0x02, 0x04]);
    const overflowing = hex('3004 0203 0102 03');
    expect(() => readChildren(overflowing, readElement(overflowing))).toThrow('runs past the end');
  });
});

describe('decodeOid', () => {
  test.each([
    ['2a864886f70d010105', '1.2.840.113549.1.1.5'],
    ['2a8648ce3d0401', '1.2.840.10045.4.1'],
    ['551d13', '2.5.29.19'],
    ['8837', '2.999'],
    ['2739', '0.39.57'],
    ['28', '1.0'],
    // 2.25.<UUID as integer>: far above 2^53
    ['6983f09da7ebcfdee0c7a1a7b2c0948cc8f9d776', '2.25.329800735698586629295641978511506172918'],
  ])('%s is %s', (content, dotted) => {
    const buf = oid(hex(content));
    expect(decodeOid(buf, readElement(buf))).toBe(dotted);
  });

  test('refuses a truncated arc and a wrong tag', () => {
    const truncated = oid(hex('2a86'));
    expect(() => decodeOid(truncated, readElement(truncated))).toThrow('ends inside an arc');
    const integer = tlv(0x02, hex('01'));
    expect(() => decodeOid(integer, readElement(integer))).toThrow('not an OBJECT IDENTIFIER');
  });
});

describe('decodeTime', () => {
  test.each([
    [utc('491231235959Z'), '2049-12-31T23:59:59.000Z'],
    [utc('500101000000Z'), '1950-01-01T00:00:00.000Z'],
    [generalized('20991231235959Z'), '2099-12-31T23:59:59.000Z'],
    [generalized('00500101000000Z'), '0050-01-01T00:00:00.000Z'],
  ])('%#: %s', (buf, iso) => {
    expect(decodeTime(buf, readElement(buf)).toISOString()).toBe(iso);
  });

  test('refuses malformed times', () => {
    const bad = utc('2401020304Z');
    expect(() => decodeTime(bad, readElement(bad))).toThrow('malformed UTCTime');
  });
});

describe('X.509 fields from DER', () => {
  test.each([true, false])('signature algorithm and validity (version field present: %s)', (withVersion) => {
    const der = certificate(withVersion);
    expect(signatureAlgorithmOid(der)).toBe('1.2.840.113549.1.1.5');
    expect(weakSignatureAlgorithm(signatureAlgorithmOid(der))).toEqual({
      hash: 'SHA-1',
      name: 'sha1WithRSAEncryption',
    });
    const { notBefore, notAfter } = validityDates(der);
    expect(notBefore.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(notAfter.toISOString()).toBe('2051-06-07T08:09:10.000Z');
  });

  test('firstElementLength ignores what follows, and wants a SEQUENCE', () => {
    const der = certificate(true);
    expect(firstElementLength(Buffer.concat([der, hex('0500')]))).toBe(der.length);
    expect(() => firstElementLength(hex('0400'))).toThrow(DerError);
  });

  test.each([
    ['1.2.840.113549.1.1.4', 'MD5'],
    ['1.2.840.113549.1.1.2', 'MD2'],
    ['1.3.14.3.2.29', 'SHA-1'],
    ['1.2.840.10040.4.3', 'SHA-1'],
    ['1.2.840.10045.4.1', 'SHA-1'],
  ])('%s is weak (%s)', (algorithm, hash) => {
    expect(weakSignatureAlgorithm(algorithm)?.hash).toBe(hash);
  });

  test.each(['1.2.840.113549.1.1.11', '1.2.840.10045.4.3.2', '1.3.101.112'])(
    '%s is not weak',
    (algorithm) => {
      expect(weakSignatureAlgorithm(algorithm)).toBeUndefined();
    },
  );
});

describe('toCanonicalPem', () => {
  test.each([1, 47, 48, 49, 96, 500])('%i bytes: 64-column lines, LF, final newline', (size) => {
    const der = Buffer.alloc(size, 0xab);
    const pem = toCanonicalPem(der);
    const lines = pem.split('\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines.at(-2)).toBe('-----END CERTIFICATE-----');
    expect(lines.at(-1)).toBe('');
    const body = lines.slice(1, -2);
    expect(body.slice(0, -1).every((l) => l.length === 64)).toBe(true);
    expect(body.at(-1)?.length).toBeGreaterThan(0);
    expect(body.at(-1)?.length).toBeLessThanOrEqual(64);
    expect(Buffer.from(body.join(''), 'base64')).toEqual(der);
    expect(pem).not.toContain('\r');
  });
});
