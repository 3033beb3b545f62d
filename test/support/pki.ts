// A throw-away test PKI made with the `openssl` CLI at run time: nothing is committed, nothing
// expires in the repository. Every certificate is signed with `openssl ca`, which takes explicit
// -startdate/-enddate (OpenSSL 3.0 `req`/`x509` cannot set past dates), so expired and
// not-yet-valid certificates come from the same code path as valid ones.
//
// Reused by the certificate unit tests and by end-to-end TLS tests (makeLeaf with SANs).

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface IssuedCertificate {
  /** File stem shared by the certificate and its key inside the PKI directory. */
  readonly name: string;
  readonly certPath: string;
  readonly keyPath: string;
  /** The certificate as `openssl ca` wrote it: canonical PEM. */
  readonly pem: string;
}

export interface CertificateOptions {
  /** Common name; also the file stem (slugified). */
  readonly cn: string;
  /** Attributes before the CN, e.g. `/C=DE/O=Acme Test`. */
  readonly subjectPrefix?: string;
  /** Validity in days from notBefore. @default 365 */
  readonly days?: number;
  /** @default one hour ago (so clock skew between steps never matters) */
  readonly notBefore?: Date;
  /** @default notBefore + days */
  readonly notAfter?: Date;
  /** RSA key of this size; when omitted an EC P-256 key (fast to make). */
  readonly keyBits?: number;
  /** Digest the issuer signs with. @default sha256 */
  readonly md?: string;
}

export interface CaOptions extends CertificateOptions {
  /** basicConstraints pathlen. */
  readonly pathLen?: number;
}

export interface LeafOptions extends CertificateOptions {
  /** subjectAltName entries, e.g. `['DNS:localhost', 'IP:127.0.0.1']`. */
  readonly sans?: readonly string[];
}

export interface TestPki {
  readonly dir: string;
  makeRootCa(options: CaOptions): IssuedCertificate;
  makeIntermediateCa(issuer: IssuedCertificate, options: CaOptions): IssuedCertificate;
  makeLeaf(issuer: IssuedCertificate, options: LeafOptions): IssuedCertificate;
  /** A self-signed end-entity certificate (CA:FALSE), as quick self-signed server setups make. */
  makeSelfSignedLeaf(options: LeafOptions): IssuedCertificate;
  /** A new private key (PKCS#8 PEM); RSA of `rsaBits` or EC P-256. Returns its path. */
  makeKey(name: string, rsaBits?: number): string;
  /** A certificate signing request (and its key). */
  makeCsr(options: { readonly cn: string }): {
    readonly csrPath: string;
    readonly keyPath: string;
    readonly pem: string;
  };
  /** Runs `openssl` in the PKI directory and returns its standard output. */
  openssl(args: readonly string[], input?: string | Buffer): Buffer;
  /** Writes a file into the PKI directory and returns its path. */
  write(name: string, content: string | Buffer): string;
}

/** Throws a clear error when the `openssl` CLI is missing; returns its version line. */
export function requireOpenssl(): string {
  try {
    return execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
  } catch (error) {
    throw new Error(
      `The test PKI needs the "openssl" command-line tool on PATH, and running "openssl version" failed ` +
        `(${(error as Error).message}); install OpenSSL (e.g. apt-get install openssl)`,
    );
  }
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** `YYYYMMDDHHMMSSZ`, the form `openssl ca -startdate/-enddate` takes. */
function opensslDate(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

function stem(cn: string): string {
  return (
    cn
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'cert'
  );
}

const CA_CONFIG = `[ca]
default_ca = test_ca

[test_ca]
database = index.txt
new_certs_dir = issued
serial = serial
policy = any_dn
unique_subject = no
email_in_dn = no
copy_extensions = none
default_md = sha256

[any_dn]
commonName = supplied
`;

const DAY_MS = 24 * 60 * 60 * 1000;

export function createTestPki(dir: string): TestPki {
  requireOpenssl();
  fs.mkdirSync(path.join(dir, 'issued'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'ca.cnf'), CA_CONFIG);
  fs.writeFileSync(path.join(dir, 'index.txt'), '');
  const used = new Set<string>();

  const openssl = (args: readonly string[], input?: string | Buffer): Buffer => {
    try {
      return execFileSync('openssl', args, { cwd: dir, input, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new Error(`openssl ${args.join(' ')} failed: ${stderr || (error as Error).message}`);
    }
  };

  const write = (name: string, content: string | Buffer): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  const uniqueName = (cn: string): string => {
    const base = stem(cn);
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    return name;
  };

  const makeKey = (name: string, rsaBits?: number): string => {
    const keyPath = path.join(dir, `${name}.key`);
    const algorithm =
      rsaBits === undefined
        ? ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']
        : ['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${rsaBits}`];
    openssl(['genpkey', ...algorithm, '-out', keyPath]);
    return keyPath;
  };

  const makeRequest = (name: string, options: CertificateOptions): { csrPath: string; keyPath: string } => {
    const keyPath = makeKey(name, options.keyBits);
    const csrPath = path.join(dir, `${name}.csr`);
    const subject = `${options.subjectPrefix ?? ''}/CN=${options.cn}`;
    openssl(['req', '-new', '-utf8', '-key', keyPath, '-subj', subject, '-out', csrPath]);
    return { csrPath, keyPath };
  };

  const sign = (
    name: string,
    options: CertificateOptions,
    extensions: readonly string[],
    issuer: IssuedCertificate | undefined,
  ): IssuedCertificate => {
    const { csrPath, keyPath } = makeRequest(name, options);
    const notBefore = options.notBefore ?? new Date(Date.now() - 60 * 60 * 1000);
    const notAfter = options.notAfter ?? new Date(notBefore.getTime() + (options.days ?? 365) * DAY_MS);
    const extPath = write(`${name}.ext`, `[ext]\n${extensions.join('\n')}\n`);
    // A random positive 64-bit serial: unique across runs, and exercises multi-byte serials.
    const serial = randomBytes(8);
    serial[0] = (serial[0] & 0x7f) | 0x10;
    write('serial', `${serial.toString('hex')}\n`);
    const certPath = path.join(dir, `${name}.pem`);
    openssl([
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-notext',
      '-utf8',
      '-preserveDN',
      '-md',
      options.md ?? 'sha256',
      '-startdate',
      opensslDate(notBefore),
      '-enddate',
      opensslDate(notAfter),
      '-extfile',
      extPath,
      '-extensions',
      'ext',
      '-in',
      csrPath,
      '-out',
      certPath,
      ...(issuer === undefined
        ? ['-selfsign', '-keyfile', keyPath]
        : ['-cert', issuer.certPath, '-keyfile', issuer.keyPath]),
    ]);
    return { name, certPath, keyPath, pem: fs.readFileSync(certPath, 'utf8') };
  };

  const caExtensions = (options: CaOptions, issued: boolean): string[] => [
    `basicConstraints = critical,CA:TRUE${options.pathLen === undefined ? '' : `,pathlen:${options.pathLen}`}`,
    'keyUsage = critical,keyCertSign,cRLSign',
    'subjectKeyIdentifier = hash',
    ...(issued ? ['authorityKeyIdentifier = keyid:always'] : []),
  ];

  const leafExtensions = (options: LeafOptions, issued: boolean): string[] => [
    'basicConstraints = critical,CA:FALSE',
    `keyUsage = critical,${options.keyBits === undefined ? 'digitalSignature' : 'digitalSignature,keyEncipherment'}`,
    'extendedKeyUsage = serverAuth',
    'subjectKeyIdentifier = hash',
    ...(issued ? ['authorityKeyIdentifier = keyid:always'] : []),
    ...(options.sans === undefined || options.sans.length === 0
      ? []
      : [`subjectAltName = ${options.sans.join(',')}`]),
  ];

  return {
    dir,
    makeRootCa: (options) => sign(uniqueName(options.cn), options, caExtensions(options, false), undefined),
    makeIntermediateCa: (issuer, options) =>
      sign(uniqueName(options.cn), options, caExtensions(options, true), issuer),
    makeLeaf: (issuer, options) =>
      sign(uniqueName(options.cn), options, leafExtensions(options, true), issuer),
    makeSelfSignedLeaf: (options) =>
      sign(uniqueName(options.cn), options, leafExtensions(options, false), undefined),
    makeKey: (name, rsaBits) => makeKey(uniqueName(name), rsaBits),
    makeCsr: (options) => {
      const request = makeRequest(uniqueName(options.cn), options);
      return { ...request, pem: fs.readFileSync(request.csrPath, 'utf8') };
    },
    openssl,
    write,
  };
}
