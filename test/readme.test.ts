// The README's code example, run as written: a user copying it must get what it says.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, tempDir } from './support/synth-fixture';

function readmeExample(): string {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Using the constructs from code'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('README.md: no ts example under "Using the constructs from code"');
  return match[1];
}

test('the construct example in the README runs and writes manifests and values files', () => {
  // The file sits at the repository root so that its imports ('./lib', 'cdk8s') resolve as in the
  // README; it runs in a temp folder holding the example certs, so its 'dist' lands there.
  const script = path.join(REPO, `.readme-example-${process.pid}.ts`);
  const cwd = tempDir();
  fs.symlinkSync(path.join(REPO, 'certs'), path.join(cwd, 'certs'));
  fs.writeFileSync(script, readmeExample());
  try {
    // `--import tsx` would resolve from the temp folder; name the loader by its path instead.
    const tsx = pathToFileURL(require.resolve('tsx')).href;
    const result = spawnSync(process.execPath, ['--import', tsx, script], { cwd, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  } finally {
    fs.rmSync(script);
  }
  const values = fs.readFileSync(
    path.join(cwd, 'dist/helm/acme-workers/clearml-agent-values.override.yaml'),
    'utf8',
  );
  expect(values).toContain('name: clearml-agent-clearml-enterprise-agent-ca-vault');
  expect(fs.readFileSync(path.join(cwd, 'dist/acme.k8s.yaml'), 'utf8')).toContain('vault.crt: |');
});
