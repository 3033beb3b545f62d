// The two real entry points as whole processes: `npm run synth` (our own atomic writer) and
// `npx cdk8s synth` (the CLI deletes its output folder first, then runs the same app).

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTestPki } from '../support/pki';
import { REPO, TWO_CAS, tempDir, writeConfig } from '../support/synth-fixture';

function run(command: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(command, args, { cwd: REPO, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

const goodConfig = {
  certificates: TWO_CAS,
  tenants: [
    {
      name: 'acme',
      agent: { releaseName: 'clearml-agent', namespace: 'acme-workers', caConfigMaps: 'project' },
    },
  ],
};

test('npm run synth reads CLEARML_TRUST_CONFIG, writes CDK8S_OUTDIR, and on error leaves it untouched', () => {
  const out = path.join(tempDir(), 'dist');
  const ok = run('npm', ['run', '--silent', 'synth'], {
    CLEARML_TRUST_CONFIG: writeConfig(goodConfig),
    CDK8S_OUTDIR: out,
  });
  expect(ok.stderr).toBe('');
  expect(ok.status).toBe(0);
  expect(listFiles(out)).toEqual([
    '.clearml-trust-output',
    'acme.k8s.yaml',
    'helm/acme/clearml-agent-values.override.yaml',
  ]);
  const before = fs.readFileSync(path.join(out, 'acme.k8s.yaml'), 'utf8');

  // A private key next to a valid CA: refused, named, never echoed, nothing written.
  const dir = tempDir();
  const keyBody = 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg';
  const mixed = path.join(dir, 'mixed.pem');
  fs.writeFileSync(
    mixed,
    `${fs.readFileSync(TWO_CAS[0].path, 'utf8')}-----BEGIN PRIVATE KEY-----\n${keyBody}\n-----END PRIVATE KEY-----\n`,
  );
  const bad = run('npm', ['run', '--silent', 'synth'], {
    CLEARML_TRUST_CONFIG: writeConfig({ ...goodConfig, certificates: [{ path: mixed }] }, dir),
    CDK8S_OUTDIR: out,
  });
  expect(bad.status).not.toBe(0);
  expect(bad.stderr).toContain('mixed.pem');
  expect(bad.stderr).toMatch(/private key/i);
  expect(bad.stderr + bad.stdout).not.toContain(keyBody);
  expect(bad.stderr).toContain('Nothing was written by this run');
  expect(fs.readFileSync(path.join(out, 'acme.k8s.yaml'), 'utf8')).toBe(before);
});

test('npm run synth names the config key of a config error and exits non-zero', () => {
  const out = path.join(tempDir(), 'dist');
  const bad = run('npm', ['run', '--silent', 'synth'], {
    CLEARML_TRUST_CONFIG: writeConfig({
      ...goodConfig,
      tenants: [{ name: 'acme', agent: { relaseName: 'x' } }],
    }),
    CDK8S_OUTDIR: out,
  });
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain('tenants[0].agent.relaseName: unknown key (did you mean "releaseName"?)');
  expect(fs.existsSync(out)).toBe(false);
});

test('npx cdk8s synth synthesizes the embedded default into its output folder', () => {
  const out = path.join(tempDir(), 'dist');
  const result = run('npx', ['cdk8s', 'synth', '--check-upgrade', 'false', '--output', out], {
    CLEARML_TRUST_CONFIG: '',
  });
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.status).toBe(0);
  expect(listFiles(out)).toEqual([
    '.clearml-trust-output',
    'helm/acme/clearml-agent-values.override.yaml',
    'helm/acme/clearml-app-gateway-values.override.yaml',
    'helm/control-plane/clearml-values.override.yaml',
  ]);
});

test('npm run synth prints warnings (a CA expiring within 30 days) and still writes the output', () => {
  const dir = tempDir();
  const pki = createTestPki(dir);
  const soon = pki.makeRootCa({ cn: 'Expiring Soon Root CA', days: 10 });
  const out = path.join(dir, 'dist');
  const result = run('npm', ['run', '--silent', 'synth'], {
    CLEARML_TRUST_CONFIG: writeConfig({ ...goodConfig, certificates: [{ path: soon.certPath }] }, dir),
    CDK8S_OUTDIR: out,
  });
  expect(result.status).toBe(0);
  expect(result.stderr).toMatch(/^warning: .*expiring-soon-root-ca.*expires/im);
  expect(listFiles(out)).toEqual([
    '.clearml-trust-output',
    'acme.k8s.yaml',
    'helm/acme/clearml-agent-values.override.yaml',
  ]);
});
