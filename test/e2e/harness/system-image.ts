// The container image's own trust store, emulated: Debian's system CAs (here one "stand-in public root",
// a test root CA playing the part of the Mozilla roots) in /usr/share/ca-certificates, listed in
// /etc/ca-certificates.conf, and the /etc/ssl/certs that the image's `ca-certificates` package built
// from them (bundle plus hashed symlinks). Every container sees this layer under its volume mounts, so
// the machine's real trust store never leaks into a result.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeResult } from './process';
import type { Bind, ContainerRunner } from './run-container';

export interface SystemCa {
  /** Path under /usr/share/ca-certificates, e.g. `stand-in/stand-in-public-root.crt`. */
  readonly relativePath: string;
  readonly pem: string;
}

export interface SystemImage {
  /** The image's trust-store paths, read-only, in mount order. */
  readonly layer: readonly Bind[];
}

export async function buildSystemImage(
  dir: string,
  systemCas: readonly SystemCa[],
  runner: ContainerRunner,
): Promise<SystemImage> {
  const host = (p: string) => path.join(dir, p);
  for (const folder of [
    'usr/share/ca-certificates',
    'usr/local/share/ca-certificates',
    'etc/ca-certificates/update.d',
    'etc/ssl/certs',
  ]) {
    fs.mkdirSync(host(folder), { recursive: true, mode: 0o755 });
  }
  for (const ca of systemCas) {
    const file = host(path.join('usr/share/ca-certificates', ca.relativePath));
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    fs.writeFileSync(file, ca.pem, { mode: 0o644 });
  }
  fs.writeFileSync(
    host('etc/ca-certificates.conf'),
    `# emulated image: the system CAs update-ca-certificates adds\n${systemCas.map((c) => c.relativePath).join('\n')}\n`,
    { mode: 0o644 },
  );
  // Parents before children; /usr/local/share/ca-certificates is empty in the image, and
  // update.d empty so no hook (such as the machine's Java keystore hook) ever runs.
  const layer = (etcSslCertsReadOnly: boolean): Bind[] => [
    { target: '/etc/ca-certificates.conf', source: host('etc/ca-certificates.conf'), readOnly: true },
    { target: '/etc/ca-certificates/update.d', source: host('etc/ca-certificates/update.d'), readOnly: true },
    { target: '/etc/ssl/certs', source: host('etc/ssl/certs'), readOnly: etcSslCertsReadOnly },
    { target: '/usr/share/ca-certificates', source: host('usr/share/ca-certificates'), readOnly: true },
    {
      target: '/usr/local/share/ca-certificates',
      source: host('usr/local/share/ca-certificates'),
      readOnly: true,
    },
  ];
  // What the image build's `ca-certificates` postinst does: symlinks point at /usr/share/... paths.
  const build = await runner.run({
    name: 'image build (update-ca-certificates)',
    binds: layer(false),
    env: {},
    argv: ['update-ca-certificates'],
  });
  if (build.code !== 0) {
    throw new Error(describeResult('building the emulated image trust store failed', build));
  }
  return { layer: layer(true) };
}
