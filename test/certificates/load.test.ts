// Loading: formats, tolerances, directories, inline PEM, exposed fields, canonical PEM, aliases.

import * as path from 'node:path';
import { type CaCertificate, loadCertificates, toCanonicalPem } from '../../lib/certificates';
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
let intermediate: IssuedCertificate;
let other: IssuedCertificate;

/** Writes a file under the test directory (sub-folders created) and returns its absolute path. */
function put(name: string, content: string | Buffer): string {
  return writeUnder(dir, name, content);
}

function one(file: string): CaCertificate {
  const { certificates } = loadCertificates([{ path: file }]);
  expect(certificates).toHaveLength(1);
  return certificates[0];
}

function openssl(args: string[]): string {
  return pki.openssl(args).toString('utf8');
}

beforeAll(() => {
  dir = makeTempDir('certificates-load');
  pki = createTestPki(path.join(dir, 'pki'));
  root = pki.makeRootCa({ cn: 'Load Root CA é', subjectPrefix: '/C=DE/O=Acme Test, Inc.' });
  intermediate = pki.makeIntermediateCa(root, { cn: 'Load Intermediate CA' });
  other = pki.makeRootCa({ cn: 'Other Root CA' });
});

afterAll(() => removeTempDir(dir));

describe('exposed fields', () => {
  test('match what openssl reports', () => {
    const cert = one(root.certPath);
    const field = (...flags: string[]) =>
      openssl(['x509', '-in', root.certPath, '-noout', ...flags])
        .trim()
        .replace(/^[^=]*=/, '');
    expect(cert.fingerprint256).toBe(field('-fingerprint', '-sha256'));
    expect(cert.serial).toBe(field('-serial'));
    expect(cert.notBefore.getTime()).toBe(new Date(field('-startdate')).getTime());
    expect(cert.notAfter.getTime()).toBe(new Date(field('-enddate')).getTime());
    // Node prints names like `-nameopt sep_multiline,utf8,esc_2253`, minus the indentation.
    const name = (flag: string) =>
      openssl(['x509', '-in', root.certPath, '-noout', flag, '-nameopt', 'sep_multiline,utf8,esc_2253'])
        .split('\n')
        .slice(1)
        .filter((line) => line !== '')
        .map((line) => line.trim())
        .join('\n');
    expect(cert.subject).toBe(name('-subject'));
    expect(cert.subject).toBe('C=DE\nO=Acme Test\\, Inc.\nCN=Load Root CA é');
    expect(cert.issuer).toBe(name('-issuer'));
    expect(cert.isCA).toBe(true);
    expect(cert.selfSigned).toBe(true);
    expect(cert.source).toEqual({ file: root.certPath, index: 0 });
    expect(cert.alias).toBe('load-root-ca');
  });

  test('an intermediate is a CA but not self-signed; its issuer is the root', () => {
    const cert = one(intermediate.certPath);
    expect(cert.isCA).toBe(true);
    expect(cert.selfSigned).toBe(false);
    expect(cert.issuer).toBe(one(root.certPath).subject);
    expect(cert.serial).toMatch(/^[0-9A-F]+$/);
    expect(cert.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  test('a certificate that only claims to be self-issued is not self-signed', () => {
    // Same subject and issuer name as the root, signed by another key: checkIssued alone would say yes.
    const impostorRoot = pki.makeRootCa({ cn: 'Impostor', subjectPrefix: '/C=DE/O=Acme Test, Inc.' });
    const fake = pki.makeIntermediateCa(impostorRoot, {
      cn: 'Impostor',
      subjectPrefix: '/C=DE/O=Acme Test, Inc.',
    });
    const cert = one(fake.certPath);
    expect(cert.subject).toBe(cert.issuer);
    expect(cert.selfSigned).toBe(false);
  });
});

describe('canonical PEM', () => {
  test('is byte-identical to openssl x509 -outform PEM', () => {
    const expected = openssl(['x509', '-in', root.certPath, '-outform', 'PEM']);
    expect(one(root.certPath).pem).toBe(expected);
    expect(expected).toMatch(
      /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/]{64}\n)+[A-Za-z0-9+/=]{1,64}\n-----END CERTIFICATE-----\n$/,
    );
  });

  test('toCanonicalPem of the DER gives the same bytes', () => {
    const der = pki.openssl(['x509', '-in', root.certPath, '-outform', 'DER']);
    expect(toCanonicalPem(der)).toBe(openssl(['x509', '-in', root.certPath, '-outform', 'PEM']));
  });
});

describe('tolerated input', () => {
  const variants: [string, (pem: string) => string][] = [
    ['CRLF line ends', (pem) => pem.replace(/\n/g, '\r\n')],
    ['a UTF-8 BOM', (pem) => `\uFEFF${pem}`],
    ['a BOM and CRLF together', (pem) => `\uFEFF${pem.replace(/\n/g, '\r\n')}`],
    ['trailing spaces and tabs', (pem) => pem.replace(/\n/g, ' \t \n')],
    ['no final newline', (pem) => pem.trimEnd()],
    ['text before, after and around', (pem) => `Issued by the PKI team.\n\n${pem}\nsee also the wiki\n`],
    ['76-column base64 lines', (pem) => rewrap(pem, 76)],
    ['one long base64 line', (pem) => rewrap(pem, 10_000)],
  ];

  function rewrap(pem: string, width: number): string {
    const body = pem.replace(/-----[^-]+-----|\s/g, '');
    const lines = body.match(new RegExp(`.{1,${width}}`, 'g')) ?? [];
    return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
  }

  test.each(variants)('%s', (name, transform) => {
    const file = put(`tolerate/${name.replace(/\W+/g, '-')}.pem`, transform(root.pem));
    const cert = one(file);
    expect(cert.pem).toBe(root.pem);
  });

  test('openssl x509 -text output (text before the PEM block)', () => {
    const text = openssl(['x509', '-in', root.certPath, '-text']);
    expect(text).toMatch(/^Certificate:\n/);
    const file = put('tolerate/with-text.pem', text);
    expect(one(file).pem).toBe(root.pem);
  });

  test('several -text outputs concatenated, with text between the blocks', () => {
    const text = [root, intermediate].map((c) => openssl(['x509', '-in', c.certPath, '-text'])).join('\n');
    const { certificates } = loadCertificates([{ path: put('tolerate/two-with-text.pem', text) }]);
    expect(certificates.map((c) => c.pem)).toEqual([root.pem, intermediate.pem]);
  });

  test('blocks glued together by cat of files without a final newline', () => {
    const file = put('tolerate/glued.pem', root.pem.trimEnd() + intermediate.pem);
    const { certificates } = loadCertificates([{ path: file }]);
    expect(certificates.map((c) => c.pem)).toEqual([root.pem, intermediate.pem]);
  });

  test('a TRUSTED CERTIFICATE keeps the certificate and warns that trust settings were dropped', () => {
    const trusted = openssl(['x509', '-in', root.certPath, '-trustout', '-addtrust', 'serverAuth']);
    expect(trusted).toContain('-----BEGIN TRUSTED CERTIFICATE-----');
    const file = put('tolerate/trusted.pem', trusted);
    const result = loadCertificates([{ path: file }]);
    expect(result.certificates).toHaveLength(1);
    expect(result.certificates[0].pem).toBe(root.pem);
    expect(result.warnings).toEqual([
      { source: { file, index: 0 }, message: expect.stringContaining('TRUSTED CERTIFICATE') },
    ]);
    expect(result.warnings[0].message).toContain('OpenSSL trust settings were dropped');
  });

  test('the legacy X509 CERTIFICATE label', () => {
    const file = put('tolerate/x509-label.pem', root.pem.replace(/CERTIFICATE/g, 'X509 CERTIFICATE'));
    expect(one(file).pem).toBe(root.pem);
  });
});

describe('DER', () => {
  test('a binary DER file is read whatever its extension', () => {
    const der = pki.openssl(['x509', '-in', root.certPath, '-outform', 'DER']);
    for (const name of ['der/root.der', 'der/root.cer', 'der/root.crt']) {
      const file = put(name, der);
      const cert = one(file);
      expect(cert.pem).toBe(root.pem);
      expect(cert.source).toEqual({ file, index: 0 });
      expect(cert.alias).toBe('root');
    }
  });

  test('a PEM file named .der is read as PEM', () => {
    expect(one(put('der/actually-pem.der', root.pem)).pem).toBe(root.pem);
  });
});

describe('files, paths and order', () => {
  test('a bundle: block order, 0-based indices, numbered aliases', () => {
    const file = put('bundle/ca-bundle.pem', root.pem + intermediate.pem + other.pem);
    const { certificates } = loadCertificates([{ path: file }]);
    expect(certificates.map((c) => [c.alias, c.source.index, c.pem])).toEqual([
      ['ca-bundle-1', 0, root.pem],
      ['ca-bundle-2', 1, intermediate.pem],
      ['ca-bundle-3', 2, other.pem],
    ]);
    expect(certificates.every((c) => c.source.file === file)).toBe(true);
  });

  test('relative paths resolve against baseDir and are reported as given', () => {
    put('relative/sub/root.pem', root.pem);
    const { certificates } = loadCertificates([{ path: 'sub/root.pem' }], {
      baseDir: path.join(dir, 'relative'),
    });
    expect(certificates[0].source).toEqual({ file: 'sub/root.pem', index: 0 });
    expect(certificates[0].pem).toBe(root.pem);
  });

  test('relative paths default to the working directory', () => {
    put('cwd/root.pem', root.pem);
    const cwd = process.cwd();
    process.chdir(path.join(dir, 'cwd'));
    try {
      expect(loadCertificates([{ path: 'root.pem' }]).certificates[0].source.file).toBe('root.pem');
    } finally {
      process.chdir(cwd);
    }
  });

  test('results follow input order, then block order', () => {
    const a = put('order/a.pem', other.pem);
    const b = put('order/b.pem', root.pem + intermediate.pem);
    const { certificates } = loadCertificates([{ path: b }, { path: a }]);
    expect(certificates.map((c) => c.alias)).toEqual(['b-1', 'b-2', 'a']);
  });
});

describe('directories', () => {
  test('certificate files in code-point order; other files and sub-directories ignored', () => {
    const der = pki.openssl(['x509', '-in', other.certPath, '-outform', 'DER']);
    put('dir1/b.pem', root.pem);
    put('dir1/Beta.CRT', intermediate.pem); // upper case sorts first; the extension matches in any case
    put('dir1/c.der', der);
    put('dir1/notes.txt', 'not a certificate');
    put('dir1/README', 'nor this');
    put('dir1/nested.pem/inside.pem', root.pem); // a directory named like a certificate
    put('dir1/sub/x.pem', root.pem);
    const { certificates } = loadCertificates([{ path: 'dir1' }], { baseDir: dir });
    expect(certificates.map((c) => [c.source.file, c.alias, c.pem])).toEqual([
      ['dir1/Beta.CRT', 'beta', intermediate.pem],
      ['dir1/b.pem', 'b', root.pem],
      ['dir1/c.der', 'c', other.pem],
    ]);
  });

  test('code-point order, not UTF-16 order, above U+FFFF', () => {
    // U+FF21 < U+1F600 by code point, but the UTF-16 surrogate 0xD83D sorts before 0xFF21.
    put('dir2/k\u{1F600}1.pem', root.pem);
    put('dir2/k\uFF212.pem', other.pem);
    const { certificates } = loadCertificates([{ path: path.join(dir, 'dir2') }]);
    expect(certificates.map((c) => path.basename(c.source.file))).toEqual([
      'k\uFF212.pem',
      'k\u{1F600}1.pem',
    ]);
    expect(certificates.map((c) => c.alias)).toEqual(['k-2', 'k-1']);
  });

  test('each file derives its own alias; a bundle in a directory is numbered', () => {
    put('dir3/corp-root.crt', root.pem);
    put('dir3/Partner Bundle.pem', intermediate.pem + other.pem);
    const { certificates } = loadCertificates([{ path: 'dir3/' }], { baseDir: dir });
    expect(certificates.map((c) => [c.source.file, c.source.index, c.alias])).toEqual([
      ['dir3/Partner Bundle.pem', 0, 'partner-bundle-1'],
      ['dir3/Partner Bundle.pem', 1, 'partner-bundle-2'],
      ['dir3/corp-root.crt', 0, 'corp-root'],
    ]);
  });
});

describe('inline PEM', () => {
  test('reported as inline:<label>, alias from the label', () => {
    const { certificates } = loadCertificates([{ pem: root.pem, label: 'Corp Root' }]);
    expect(certificates[0].source).toEqual({ file: 'inline:Corp Root', index: 0 });
    expect(certificates[0].alias).toBe('corp-root');
    expect(certificates[0].pem).toBe(root.pem);
  });

  test('default label inline-<n>, n the 1-based position in the inputs', () => {
    const { certificates } = loadCertificates([
      { path: root.certPath },
      { pem: intermediate.pem + other.pem },
    ]);
    expect(certificates.slice(1).map((c) => [c.source.file, c.alias])).toEqual([
      ['inline:inline-2', 'inline-2-1'],
      ['inline:inline-2', 'inline-2-2'],
    ]);
  });

  test('tolerates CRLF and a BOM like files do', () => {
    const { certificates } = loadCertificates([{ pem: `\uFEFF${root.pem.replace(/\n/g, '\r\n')}` }]);
    expect(certificates[0].pem).toBe(root.pem);
  });
});

describe('aliases', () => {
  test('a given alias is used as is; with several certificates it is numbered', () => {
    const bundle = put('alias/bundle.pem', intermediate.pem + other.pem);
    const { certificates } = loadCertificates([
      { path: root.certPath, alias: 'corp.root-2024' },
      { path: bundle, alias: 'partners' },
    ]);
    expect(certificates.map((c) => c.alias)).toEqual(['corp.root-2024', 'partners-1', 'partners-2']);
  });

  test.each([
    ['My Corp_Root CA (2024).PEM', 'my-corp-root-ca-2024'],
    ['--weird..name--.crt', 'weird..name'],
    ['ca.bundle.pem', 'ca.bundle'],
    ['ÄÖÜ-root.cer', 'root'],
    ['noextension', 'noextension'],
  ])('file %j gives alias %j', (name, alias) => {
    expect(one(put(`derive/${name}`, root.pem)).alias).toBe(alias);
  });

  test('a long file name is cut to 63 characters and re-trimmed', () => {
    const name = `${'a'.repeat(62)}-b.pem`; // cut at 63 leaves a trailing "-", which is trimmed
    const cert = one(put(`derive/${name}`, root.pem));
    expect(cert.alias).toBe('a'.repeat(62));
  });

  test('a long file name with several certificates leaves room for the number', () => {
    const { certificates } = loadCertificates([
      { path: put(`derive/${'c'.repeat(70)}.pem`, root.pem + other.pem) },
    ]);
    expect(certificates.map((c) => c.alias)).toEqual([`${'c'.repeat(61)}-1`, `${'c'.repeat(61)}-2`]);
    expect(certificates.every((c) => c.alias.length <= 63)).toBe(true);
  });
});
