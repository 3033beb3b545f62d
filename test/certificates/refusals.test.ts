// The bad-input corpus: one test per refusal, each asserting what the message says.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { CertificateError, loadCertificates } from '../../lib/certificates';
import { leaksNothing, refusal, secretByteWindows, secretWindows } from '../support/certificate-errors';
import { writeUnder } from '../support/files';
import {
  createTestPki,
  type IssuedCertificate,
  makeTempDir,
  removeTempDir,
  type TestPki,
} from '../support/pki';

let dir: string;
let pki: TestPki;
let root: IssuedCertificate;
let other: IssuedCertificate;
let leaf: IssuedCertificate;
/** PEM text of private keys, by PEM label. */
const keys = new Map<string, string>();
let pkcs8Der: Buffer;
let pkcs1Der: Buffer;

/** Writes a file under the test directory (sub-folders created) and returns its absolute path. */
function put(name: string, content: string | Buffer): string {
  return writeUnder(dir, name, content);
}

/** Loads one file given relative to the test directory, so messages show short, known names. */
function refuseFile(name: string, content: string | Buffer): CertificateError {
  put(name, content);
  return refusal(() => loadCertificates([{ path: name }], { baseDir: dir }));
}

function relabel(pem: string, label: string): string {
  return pem.replace(/-----(BEGIN|END) [^-]+-----/g, `-----$1 ${label}-----`);
}

beforeAll(() => {
  dir = makeTempDir('certificates-refusals');
  pki = createTestPki(path.join(dir, 'pki'));
  root = pki.makeRootCa({ cn: 'Refusal Root CA' });
  other = pki.makeRootCa({ cn: 'Refusal Other CA' });
  leaf = pki.makeLeaf(root, { cn: 'server.example.test', sans: ['DNS:server.example.test'] });

  const ecKey = pki.makeKey('ec-key');
  const rsaKey = pki.makeKey('rsa-key', 1024);
  const text = (args: string[]) => pki.openssl(args).toString('utf8');
  keys.set('PRIVATE KEY', fs.readFileSync(ecKey, 'utf8'));
  keys.set('RSA PRIVATE KEY', text(['pkey', '-in', rsaKey, '-traditional']));
  keys.set('EC PRIVATE KEY', text(['pkey', '-in', ecKey, '-traditional']));
  keys.set(
    'ENCRYPTED PRIVATE KEY',
    text(['pkcs8', '-topk8', '-in', ecKey, '-v2', 'aes-256-cbc', '-passout', 'pass:secret']),
  );
  // No DSA or OpenSSH key generation needed: the label alone must be enough to refuse.
  keys.set('DSA PRIVATE KEY', relabel(keys.get('RSA PRIVATE KEY') ?? '', 'DSA PRIVATE KEY'));
  keys.set('OPENSSH PRIVATE KEY', relabel(keys.get('PRIVATE KEY') ?? '', 'OPENSSH PRIVATE KEY'));
  pkcs8Der = pki.openssl(['pkey', '-in', rsaKey, '-outform', 'DER']);
  pkcs1Der = pki.openssl(['rsa', '-in', rsaKey, '-outform', 'DER', '-traditional']);
});

afterAll(() => removeTempDir(dir));

describe('private keys', () => {
  const labels = [
    'PRIVATE KEY',
    'RSA PRIVATE KEY',
    'EC PRIVATE KEY',
    'DSA PRIVATE KEY',
    'ENCRYPTED PRIVATE KEY',
    'OPENSSH PRIVATE KEY',
  ];

  test.each(labels)('%s next to a valid certificate is refused without echoing the key', (label) => {
    const key = keys.get(label) ?? '';
    expect(key).toContain(`-----BEGIN ${label}-----`);
    const name = `keys/${label.replace(/ /g, '-').toLowerCase()}.pem`;
    const error = refuseFile(name, root.pem + key);
    expect(error.message).toBe(
      `${name}: PEM block 2 (line ${root.pem.split('\n').length}) is a private key (${label}); remove it — ` +
        'a private key must never be distributed as a trusted CA',
    );
    expect(error.file).toBe(name);
    expect(error.index).toBe(1);
    expect(leaksNothing(error.message, secretWindows(key))).toBe(true);
  });

  test('a key before the certificates is block 1', () => {
    const error = refuseFile('keys/first.pem', keys.get('PRIVATE KEY') + root.pem);
    expect(error.message).toContain('keys/first.pem: PEM block 1 (line 1) is a private key (PRIVATE KEY)');
    expect(error.index).toBe(0);
  });

  test('a key is refused even when the file has other errors before it', () => {
    const broken = root.pem.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!'); // bad base64 in block 1
    const key = keys.get('EC PRIVATE KEY') ?? '';
    const error = refuseFile('keys/broken-then-key.pem', `${broken}-----BEGIN CERTIFICATE-----\n${key}`);
    expect(error.message).toContain('is a private key (EC PRIVATE KEY)');
    expect(leaksNothing(error.message, secretWindows(key))).toBe(true);
  });

  test('a key in a later input wins over an error in an earlier one', () => {
    put('keys/later/empty.pem', '');
    put('keys/later/key.pem', keys.get('PRIVATE KEY') ?? '');
    const error = refusal(() =>
      loadCertificates([{ path: 'keys/later/empty.pem' }, { path: 'keys/later/key.pem' }], { baseDir: dir }),
    );
    expect(error.message).toContain('keys/later/key.pem: PEM block 1 (line 1) is a private key');
  });

  test('a key inside surrounding text, not on a line of its own', () => {
    const key = keys.get('RSA PRIVATE KEY') ?? '';
    const error = refuseFile('keys/inline-text.txt.pem', `${root.pem}notes: ${key.replace(/\n/g, ' ')}`);
    expect(error.message).toContain('PEM block 2 (line');
    expect(error.message).toContain('(RSA PRIVATE KEY)');
    expect(leaksNothing(error.message, secretWindows(key))).toBe(true);
  });

  test('a key in a directory entry names that entry', () => {
    put('keys/dir/a.pem', root.pem);
    put('keys/dir/b.crt', keys.get('PRIVATE KEY') ?? '');
    const error = refusal(() => loadCertificates([{ path: 'keys/dir' }], { baseDir: dir }));
    expect(error.message).toContain('keys/dir/b.crt: PEM block 1 (line 1) is a private key');
    expect(error.file).toBe('keys/dir/b.crt');
  });

  test('an inline key is refused the same way', () => {
    const key = keys.get('PRIVATE KEY') ?? '';
    const error = refusal(() => loadCertificates([{ pem: root.pem + key, label: 'pasted' }]));
    expect(error.message).toContain('inline:pasted: PEM block 2');
    expect(leaksNothing(error.message, secretWindows(key))).toBe(true);
  });

  test.each([
    ['PKCS#8', () => pkcs8Der],
    ['PKCS#1', () => pkcs1Der],
  ])('a DER %s private key: does not decode to X.509, and no byte of it in the message', (_kind, bytes) => {
    const key = bytes();
    const error = refuseFile('keys/key.der', key);
    expect(error.message).toContain('keys/key.der: does not decode to an X.509 certificate');
    expect(error.message).toContain('private key');
    expect(leaksNothing(error.message, secretByteWindows(key))).toBe(true);
    expect(error.message).not.toMatch(/[A-Za-z0-9+/]{24,}/);
  });
});

describe('blocks that are not certificates', () => {
  test.each(['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'])('a CSR (%s)', (label) => {
    const csr = relabel(pki.makeCsr({ cn: 'csr.example.test' }).pem, label);
    const error = refuseFile(`other/${label.replace(/ /g, '-')}.pem`, root.pem + csr);
    expect(error.message).toContain(
      `other/${label.replace(/ /g, '-')}.pem: PEM block 2 (line ${root.pem.split('\n').length}) is a ` +
        `certificate signing request (${label}), not a certificate; give the certificate of the CA instead`,
    );
    expect(error.index).toBe(1);
  });

  test('a PUBLIC KEY', () => {
    const publicKey = pki.openssl(['pkey', '-in', root.keyPath, '-pubout']).toString();
    const error = refuseFile('other/public.pem', publicKey);
    expect(error.message).toContain(
      'other/public.pem: PEM block 1 (line 1) is a PUBLIC KEY block, not a certificate; only CERTIFICATE ' +
        'blocks are accepted — remove it',
    );
  });

  test('an X509 CRL', () => {
    const error = refuseFile('other/crl.pem', root.pem + relabel(other.pem, 'X509 CRL'));
    expect(error.message).toContain('other/crl.pem: PEM block 2 (line');
    expect(error.message).toContain('is a X509 CRL block, not a certificate');
    expect(error.index).toBe(1);
  });

  test('a PKCS7 bundle, with a hint how to extract its certificates', () => {
    const p7 = pki.openssl(['crl2pkcs7', '-nocrl', '-certfile', root.certPath]).toString();
    const error = refuseFile('other/bundle.p7b.pem', p7);
    expect(error.message).toContain('PEM block 1 (line 1) is a PKCS7 block, not a certificate');
    expect(error.message).toContain('openssl pkcs7 -print_certs');
  });
});

describe('damaged certificates', () => {
  test('base64 that does not decode, naming the block', () => {
    const broken = other.pem.replace(/\n([A-Za-z0-9+/]{4})/, '\n$$%&*');
    const error = refuseFile('damaged/base64.pem', root.pem + broken);
    expect(error.message).toMatch(
      /^damaged\/base64\.pem: PEM block 2 \(line \d+\) \(CERTIFICATE\) is not valid base64/,
    );
    expect(error.index).toBe(1);
  });

  test('base64 that is not X.509', () => {
    const bogus = `-----BEGIN CERTIFICATE-----\n${Buffer.from('certainly not a certificate').toString('base64')}\n-----END CERTIFICATE-----\n`;
    const error = refuseFile('damaged/not-x509.pem', root.pem + bogus);
    expect(error.message).toMatch(
      /PEM block 2 \(line \d+\) \(CERTIFICATE\) does not parse as an X\.509 certificate/,
    );
    expect(error.index).toBe(1);
  });

  test('a DER SEQUENCE that is not a certificate (a public key labelled CERTIFICATE)', () => {
    const publicKey = pki.openssl(['pkey', '-in', root.keyPath, '-pubout']).toString();
    const error = refuseFile('damaged/pubkey-as-cert.pem', relabel(publicKey, 'CERTIFICATE'));
    expect(error.message).toContain(
      'PEM block 1 (line 1) (CERTIFICATE) does not parse as an X.509 certificate',
    );
  });

  test('bytes after the certificate inside a CERTIFICATE block', () => {
    const der = pki.openssl(['x509', '-in', root.certPath, '-outform', 'DER']);
    const padded = Buffer.concat([der, Buffer.from([0x05, 0x00])]).toString('base64');
    const error = refuseFile(
      'damaged/extra.pem',
      `-----BEGIN CERTIFICATE-----\n${padded}\n-----END CERTIFICATE-----\n`,
    );
    expect(error.message).toContain(
      'PEM block 1 (line 1) (CERTIFICATE) has 2 unexpected bytes after the certificate',
    );
  });

  test('a BEGIN without END', () => {
    const error = refuseFile('damaged/truncated.pem', root.pem + other.pem.slice(0, 200));
    expect(error.message).toMatch(
      /^damaged\/truncated\.pem: PEM block 2 \(line \d+, CERTIFICATE\) has no "-----END CERTIFICATE-----" line/,
    );
  });

  test('an END without BEGIN', () => {
    const error = refuseFile('damaged/headless.pem', root.pem + other.pem.slice(40));
    expect(error.message).toMatch(
      /^damaged\/headless\.pem: line \d+ has "-----END CERTIFICATE-----" without a BEGIN line/,
    );
  });

  test('END label different from BEGIN', () => {
    const error = refuseFile('damaged/mismatch.pem', root.pem.replace('END CERTIFICATE', 'END PUBLIC KEY'));
    expect(error.message).toContain('PEM block 1 (line 1) begins as CERTIFICATE but ends as PUBLIC KEY');
  });

  test('a DER-looking file that is not a certificate', () => {
    const error = refuseFile('damaged/garbage.der', Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]));
    expect(error.message).toBe(
      'damaged/garbage.der: has no PEM block and does not decode to an X.509 certificate (DER); give a PEM or ' +
        'DER certificate file',
    );
  });

  test('a DER certificate followed by extra bytes', () => {
    const der = pki.openssl(['x509', '-in', root.certPath, '-outform', 'DER']);
    const error = refuseFile('damaged/extra.der', Buffer.concat([der, Buffer.from('\n')]));
    expect(error.message).toContain('damaged/extra.der: has 1 unexpected bytes after the DER certificate');
  });
});

describe('nothing to load', () => {
  test.each([
    ['an empty file', 'empty/zero.pem', ''],
    ['a whitespace-only file', 'empty/blank.pem', ' \r\n\t\n'],
    ['a BOM-only file', 'empty/bom.pem', '\uFEFF\n'],
  ])('%s', (_what, name, content) => {
    const error = refuseFile(name, content);
    expect(error.message).toBe(`${name}: is empty; give a file with at least one CA certificate`);
    expect(error.file).toBe(name);
  });

  test('a text file with no certificate', () => {
    const error = refuseFile('empty/notes.crt', 'ask the PKI team for the root\n');
    expect(error.message).toBe(
      'empty/notes.crt: contains no certificate — no "-----BEGIN CERTIFICATE-----" block and not a DER ' +
        'certificate; give a PEM or DER CA certificate',
    );
  });

  test('a cut-short BEGIN marker', () => {
    const error = refuseFile('empty/cut.pem', '-----BEGIN CERTIF\nMIIB\n');
    expect(error.message).toBe(
      'empty/cut.pem: contains no certificate — no complete "-----BEGIN CERTIFICATE-----" line; give a PEM or ' +
        'DER CA certificate',
    );
  });

  test('inline text with no certificate', () => {
    const error = refusal(() => loadCertificates([{ pem: 'paste here', label: 'todo' }]));
    expect(error.message).toContain('inline:todo: contains no certificate');
  });

  test('an empty inline PEM', () => {
    const error = refusal(() => loadCertificates([{ pem: '' }]));
    expect(error.message).toBe('inline:inline-1: is empty; give a file with at least one CA certificate');
  });

  test('a directory with no certificate files', () => {
    put('empty/dir/README.md', '# nothing');
    put('empty/dir/sub/root.pem', root.pem); // not searched
    const error = refusal(() => loadCertificates([{ path: 'empty/dir' }], { baseDir: dir }));
    expect(error.message).toBe(
      'empty/dir: directory contains no certificate file (*.pem, *.crt, *.cer, *.der; sub-directories are ' +
        'not searched); put the CA certificates there, or give a file',
    );
  });

  test('a path that does not exist, with the resolved path', () => {
    const error = refusal(() => loadCertificates([{ path: 'missing/ca.pem' }], { baseDir: dir }));
    expect(error.message).toBe(
      `missing/ca.pem: does not exist (resolved to ${path.join(dir, 'missing/ca.pem')}); check the path — ` +
        `relative paths are resolved against ${dir}`,
    );
    expect(error.file).toBe('missing/ca.pem');
  });

  test.each([
    ['neither', {}],
    ['both', { path: 'a.pem', pem: 'x' }],
  ])('an input with %s of path and pem', (word, input) => {
    const error = refusal(() => loadCertificates([{ pem: root.pem }, input]));
    expect(error.message).toBe(`inputs[1]: give exactly one of "path" or "pem" (got ${word})`);
    expect(error.file).toBe('inputs[1]');
  });
});

describe('policy refusals', () => {
  test('an expired certificate, with notAfter and now', () => {
    const expired = pki.makeRootCa({
      cn: 'Expired CA',
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    const now = new Date();
    const error = refusal(() =>
      loadCertificates([{ pem: root.pem }, { path: expired.certPath }], { now: () => now }),
    );
    expect(error.message).toBe(
      `${expired.certPath}#0 (CN=Expired CA): expired on 2021-01-01T00:00:00.000Z (now is ` +
        `${now.toISOString()}); renew it and give the new certificate (or check this machine's clock), or set ` +
        'policy.allowExpired to accept it anyway',
    );
    expect(error.file).toBe(expired.certPath);
    expect(error.index).toBe(0);
  });

  test('a certificate not yet valid, with notBefore and now', () => {
    const future = pki.makeRootCa({
      cn: 'Future CA',
      notBefore: new Date('2099-01-01T00:00:00Z'),
      notAfter: new Date('2100-01-01T00:00:00Z'),
    });
    const error = refusal(() =>
      loadCertificates([{ path: future.certPath }], { now: () => new Date('2025-06-01T00:00:00Z') }),
    );
    expect(error.message).toContain(
      `${future.certPath}#0 (CN=Future CA): is not valid before 2099-01-01T00:00:00.000Z (now is 2025-06-01T00:00:00.000Z)`,
    );
    expect(error.message).toContain(
      "check this machine's clock and the certificate's dates, or set policy.allowExpired to accept it anyway",
    );
  });

  test('a leaf (server) certificate, the second in its file', () => {
    const error = refuseFile('policy/chain.pem', root.pem + leaf.pem);
    expect(error.message).toBe(
      'policy/chain.pem#1 (CN=server.example.test): is not a CA certificate (basicConstraints does not say ' +
        'CA:TRUE); it looks like a leaf/server certificate — give the CA certificate that issued it instead, ' +
        'or set policy.allowNonCa to trust this certificate itself',
    );
    expect(error.index).toBe(1);
  });

  test('a self-signed leaf is not a CA either', () => {
    const selfSigned = pki.makeSelfSignedLeaf({ cn: 'self.example.test' });
    const error = refusal(() => loadCertificates([{ path: selfSigned.certPath }]));
    expect(error.message).toContain('(CN=self.example.test): is not a CA certificate');
  });
});

describe('uniqueness', () => {
  test('the same certificate twice names both sources', () => {
    put('dup/a.pem', root.pem);
    put('dup/dir/b.crt', other.pem + root.pem);
    const error = refusal(() =>
      loadCertificates([{ path: 'dup/a.pem' }, { path: 'dup/dir' }], { baseDir: dir }),
    );
    expect(error.message).toContain('dup/dir/b.crt#1: the same certificate (CN=Refusal Root CA, SHA-256 ');
    expect(error.message).toContain('is given twice: dup/a.pem#0 and dup/dir/b.crt#1; give it only once');
    expect(error.file).toBe('dup/dir/b.crt');
    expect(error.index).toBe(1);
  });

  test('the same certificate twice in one file', () => {
    const error = refuseFile('dup/twice.pem', root.pem + root.pem.replace(/\n/g, '\r\n'));
    expect(error.message).toContain('is given twice: dup/twice.pem#0 and dup/twice.pem#1');
  });

  test('the same alias twice names both sources', () => {
    put('alias-dup/one/root.pem', root.pem);
    put('alias-dup/two/root.crt', other.pem);
    const error = refusal(() =>
      loadCertificates([{ path: 'alias-dup/one/root.pem' }, { path: 'alias-dup/two' }], { baseDir: dir }),
    );
    expect(error.message).toBe(
      'alias "root" is used twice: alias-dup/one/root.pem#0 and alias-dup/two/root.crt#0; aliases must be ' +
        'unique (each becomes the ConfigMap key "root.crt") — set a different alias on one of the inputs, or ' +
        'rename one of the files',
    );
    expect(error.file).toBe('alias-dup/two/root.crt');
  });

  test('a numbered alias colliding with a file name', () => {
    put('alias-dup/x.pem', root.pem + other.pem);
    put('alias-dup/x-2.pem', leaf.pem);
    const error = refusal(() =>
      loadCertificates([{ path: 'alias-dup/x.pem' }, { path: 'alias-dup/x-2.pem' }], {
        baseDir: dir,
        policy: { allowNonCa: true },
      }),
    );
    expect(error.message).toContain('alias "x-2" is used twice: alias-dup/x.pem#1 and alias-dup/x-2.pem#0');
  });

  test('a given alias and a derived one colliding', () => {
    const error = refusal(() =>
      loadCertificates([{ path: root.certPath }, { pem: other.pem, alias: 'refusal-root-ca' }]),
    );
    expect(error.message).toContain(
      `alias "refusal-root-ca" is used twice: ${root.certPath}#0 and inline:inline-2#0`,
    );
  });
});

describe('invalid aliases', () => {
  const rule =
    'an alias must be lower-case letters, digits, "-" and ".", start and end with a letter or digit, and be ' +
    'at most 63 characters (it becomes the ConfigMap key "<alias>.crt" and a file name)';

  test.each(['Corp_Root', 'corp root', '-corp', 'corp.', 'ünicode', 'a'.repeat(64), ''])(
    'given alias %j is refused, not slugified',
    (alias) => {
      const error = refusal(() => loadCertificates([{ path: root.certPath, alias }]));
      expect(error.message).toBe(`${root.certPath}: alias "${alias}" is not valid: ${rule}`);
    },
  );

  test('a valid alias whose numbered form is too long', () => {
    const alias = 'a'.repeat(62);
    const error = refusal(() => loadCertificates([{ pem: root.pem + other.pem, alias, label: 'two' }]));
    expect(error.message).toBe(`inline:two#0: alias "${alias}-1" is not valid: ${rule}; set a valid alias`);
  });

  test('no alias can be derived from the file name', () => {
    const error = refuseFile('alias-bad/___.pem', root.pem);
    expect(error.message).toBe(
      `alias-bad/___.pem: no alias can be derived from the file name "___.pem" (${rule}); set alias on this input`,
    );
  });

  test('an alias given with a directory', () => {
    put('alias-dir/root.pem', root.pem);
    const error = refusal(() => loadCertificates([{ path: 'alias-dir', alias: 'corp' }], { baseDir: dir }));
    expect(error.message).toBe(
      'alias-dir: is a directory, so alias "corp" cannot be used — there each certificate\'s alias comes from ' +
        'its own file name; remove alias, or list the files as separate inputs',
    );
  });
});

test('every refusal is a CertificateError and returns nothing', () => {
  let result: unknown;
  const error = refusal(() => {
    result = loadCertificates([{ path: root.certPath }, { pem: keys.get('PRIVATE KEY') ?? '' }]);
  });
  expect(error).toBeInstanceOf(CertificateError);
  expect(error.name).toBe('CertificateError');
  expect(result).toBeUndefined();
});
