// Synthesizes a config written by the test into a temp folder, with the committed example CAs
// (public certificates only) so that snapshots are stable, and a fixed clock so they never rot.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { type SynthesisResult, synthesize } from '../../lib/app/synthesize';

export const REPO = path.resolve(__dirname, '..', '..');
export const EXAMPLE_ROOT = path.join(REPO, 'certs', 'example-root-ca.pem');
export const EXAMPLE_ISSUING = path.join(REPO, 'certs', 'example-issuing-ca.pem');
/** A fixed "now" well inside the example CAs' validity. */
export const FIXED_NOW = new Date('2027-01-15T12:00:00Z');

/** The two example CAs, as a config's `certificates` list. */
export const TWO_CAS = [
  { path: EXAMPLE_ROOT, alias: 'corp-root-ca' },
  { path: EXAMPLE_ISSUING, alias: 'corp-issuing-ca' },
];

export function tempDir(prefix = 'clearml-trust-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `config` as YAML to a fresh temp folder and returns the file's path. */
export function writeConfig(config: object, dir = tempDir()): string {
  const file = path.join(dir, 'clearml-trust.yaml');
  fs.writeFileSync(file, stringify(config));
  return file;
}

export function synthesizeConfig(
  config: object,
  options: { readonly publicRoots?: readonly string[] } = {},
): SynthesisResult {
  return synthesize({ configFile: writeConfig(config), now: () => FIXED_NOW, ...options });
}

/** The output files as a plain object sorted by path, for whole-output snapshots. */
export function filesOf(result: SynthesisResult): Record<string, string> {
  return Object.fromEntries([...result.files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** One tenant `acme` with an App Gateway and an Agent (`agent` adds to its settings), in `mode`. */
export function acmeConfig(mode: 'append' | 'replace', agent: object = {}, extra: object = {}): object {
  return {
    certificates: TWO_CAS,
    mode,
    ...(mode === 'replace' ? { includePublicRoots: false } : {}),
    tenants: [
      {
        name: 'acme',
        appGateway: { releaseName: 'clearml-app-gateway', namespace: 'acme' },
        agent: { releaseName: 'clearml-agent', namespace: 'acme-workers', ...agent },
      },
    ],
    ...extra,
  };
}
