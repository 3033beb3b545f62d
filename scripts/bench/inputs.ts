// Generates the benchmark's inputs in a scratch folder: real self-signed CA certificates (openssl), trust
// configs for the grid, kustomize configMapGenerators for the same ConfigMaps, and the cdk8s template app.

import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';

export interface BenchCertificate {
  readonly alias: string;
  readonly file: string;
  readonly pem: string;
  readonly fingerprint256: string;
  readonly notAfter: string;
  readonly subject: string;
}

function runTool(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/** Runs `jobs` with at most `limit` at a time. */
async function inParallel(jobs: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}

/**
 * `count` distinct self-signed CA certificates in `dir` (bench-ca-0001.pem, …), all from one P-256 key made
 * in `keyDir` (outside `dir`: a key in a certificate directory would be refused). Each is checked to be a
 * CA that issued itself. Runs openssl in parallel, two processes per CPU.
 */
export async function generateCertificates(
  dir: string,
  keyDir: string,
  count: number,
): Promise<BenchCertificate[]> {
  fs.mkdirSync(dir, { recursive: true });
  const key = path.join(keyDir, 'bench-ca.key');
  await runTool('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key]);
  const aliases = Array.from({ length: count }, (_, i) => `bench-ca-${String(i + 1).padStart(4, '0')}`);
  await inParallel(
    aliases.map(
      (alias) => () =>
        runTool('openssl', [
          'req',
          '-x509',
          '-new',
          '-key',
          key,
          '-subj',
          `/CN=${alias}`,
          '-addext',
          'basicConstraints=critical,CA:TRUE',
          '-days',
          '3650',
          '-out',
          path.join(dir, `${alias}.pem`),
        ]),
    ),
    Math.max(2, os.availableParallelism() * 2),
  );
  return aliases.map((alias) => {
    const file = path.join(dir, `${alias}.pem`);
    const pem = fs.readFileSync(file, 'utf8');
    const cert = new crypto.X509Certificate(pem);
    if (!cert.ca || !cert.checkIssued(cert) || !cert.verify(cert.publicKey)) {
      throw new Error(`${file}: openssl did not make a self-signed CA certificate`);
    }
    return {
      alias,
      file,
      pem,
      fingerprint256: cert.fingerprint256,
      notAfter: new Date(cert.validTo).toISOString(),
      subject: cert.subject.replace(/\n/g, ', '),
    };
  });
}

/** The first `count` certificates of `all`, hard-linked (or copied) into `dir`. */
export function certificateSubset(
  all: readonly BenchCertificate[],
  dir: string,
  count: number,
): BenchCertificate[] {
  fs.mkdirSync(dir, { recursive: true });
  return all.slice(0, count).map((cert) => {
    const file = path.join(dir, path.basename(cert.file));
    try {
      fs.linkSync(cert.file, file);
    } catch {
      fs.copyFileSync(cert.file, file);
    }
    return { ...cert, file };
  });
}

export function tenantName(index: number): string {
  return `t${String(index + 1).padStart(3, '0')}`;
}

/**
 * A trust config: the certificates as one directory entry, and `tenants` tenants, each with an App
 * Gateway and an Agent whose task pods get the CAs through our basePodTemplate.
 */
export function writeTrustConfig(
  file: string,
  certDir: string,
  tenants: number,
  caConfigMaps: 'chart' | 'project',
): void {
  const config = {
    certificates: [{ path: certDir }],
    mode: 'append',
    tenants: Array.from({ length: tenants }, (_, i) => ({
      name: tenantName(i),
      appGateway: { releaseName: 'clearml-app-gateway', namespace: tenantName(i) },
      agent: {
        releaseName: 'clearml-agent',
        namespace: `${tenantName(i)}-workers`,
        taskPods: 'basePodTemplate',
        caConfigMaps,
      },
    })),
  };
  fs.writeFileSync(file, stringify(config));
}

/** What `caConfigMaps: project` names each Agent's CA ConfigMap (release clearml-agent, default chart). */
export function projectConfigMapName(alias: string): string {
  return `clearml-agent-clearml-enterprise-agent-ca-${alias}`;
}

/**
 * A kustomization in `dir` with one configMapGenerator per certificate and tenant, making the ConfigMaps
 * our synthesis makes with `caConfigMaps: project`: same name, namespace, key `<alias>.crt`, labels and
 * annotations. The certificates are hard-linked under `dir` (kustomize reads files only below its root).
 */
export function writeKustomization(dir: string, certs: readonly BenchCertificate[], tenants: number): void {
  const local = certificateSubset(certs, path.join(dir, 'certs'), certs.length);
  const generators = Array.from({ length: tenants }, (_, t) =>
    local.map((cert) => ({
      name: projectConfigMapName(cert.alias),
      namespace: `${tenantName(t)}-workers`,
      files: [`${cert.alias}.crt=certs/${path.basename(cert.file)}`],
      options: {
        labels: {
          'app.kubernetes.io/managed-by': 'clearml-trust',
          'app.kubernetes.io/part-of': 'clearml',
          'app.kubernetes.io/instance': 'clearml-agent',
          'app.kubernetes.io/component': 'ca-certificate',
        },
        annotations: {
          'clearml-trust/fingerprint-sha256': cert.fingerprint256,
          'clearml-trust/not-after': cert.notAfter,
          'clearml-trust/subject': cert.subject,
        },
      },
    })),
  ).flat();
  fs.writeFileSync(
    path.join(dir, 'kustomization.yaml'),
    stringify({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      generatorOptions: { disableNameSuffixHash: true },
      configMapGenerator: generators,
    }),
  );
}

/**
 * The app `cdk8s init typescript-app` makes (main.ts with one empty chart, its tsconfig.json, cdk8s.yaml
 * running `npx ts-node main.ts`), taken from the installed cdk8s-cli's template, with node_modules a
 * symbolic link to ours. The template's `imports: [k8s]` is left out: only `cdk8s import` reads it.
 */
export function writeTemplateApp(dir: string, repo: string): void {
  const template = path.join(repo, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app');
  fs.mkdirSync(dir, { recursive: true });
  const main = fs
    .readFileSync(path.join(template, 'main.ts'), 'utf8')
    .replace(/\{\{ \$base \}\}/g, 'baseline');
  fs.writeFileSync(path.join(dir, 'main.ts'), main);
  fs.copyFileSync(path.join(template, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  const cdk8sYaml = fs.readFileSync(path.join(template, 'cdk8s.yaml'), 'utf8');
  if (!/^app: npx ts-node main\.ts$/m.test(cdk8sYaml)) {
    throw new Error(`${template}/cdk8s.yaml no longer runs "npx ts-node main.ts"; update the benchmark`);
  }
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: npx ts-node main.ts\n');
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}
