// Snapshots of every synthesized file, for the embedded default and for the matrix of modes. Read the
// diff of a changed snapshot before accepting it: it is the change reviewers will apply to clusters.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthesize } from '../../lib/app/synthesize';
import {
  acmeConfig,
  EXAMPLE_ROOT,
  FIXED_NOW,
  filesOf,
  REPO,
  synthesizeConfig,
  TWO_CAS,
} from '../support/synth-fixture';

const MODES = ['append', 'replace'] as const;
const TASK_PODS = ['basePodTemplate', 'propagateToTasks', 'none'] as const;
// 'default' leaves caConfigMaps out: chart in append mode, project in replace mode.
const OWNERS = ['default', 'chart', 'project'] as const;

function tenantConfig(mode: (typeof MODES)[number], taskPods: string, caConfigMaps: string) {
  return acmeConfig(mode, { taskPods, ...(caConfigMaps === 'default' ? {} : { caConfigMaps }) });
}

test('the embedded default (clearml-trust.yaml)', () => {
  const result = synthesize({ configFile: path.join(REPO, 'clearml-trust.yaml'), now: () => FIXED_NOW });
  expect(result.warnings).toEqual([]);
  expect(filesOf(result)).toMatchSnapshot();
});

describe.each(MODES)('mode %s', (mode) => {
  describe.each(TASK_PODS)('taskPods %s', (taskPods) => {
    test.each(OWNERS)('caConfigMaps %s', (owner) => {
      let outcome: Record<string, string> | string;
      try {
        outcome = filesOf(synthesizeConfig(tenantConfig(mode, taskPods, owner)));
      } catch (error) {
        // The config lives in a temp folder: keep only its file name so the snapshot is stable.
        outcome = `refused: ${(error as Error).message.replace(/^\S*\/clearml-trust\.yaml/, 'clearml-trust.yaml')}`;
      }
      expect(outcome).toMatchSnapshot();
    });
  });
});

test('replace mode with public roots puts them before the custom CAs, each once', () => {
  // A stand-in for Node's Mozilla roots, so the snapshot does not change with the Node version.
  const publicRoots = [fs.readFileSync(EXAMPLE_ROOT, 'utf8')];
  const result = synthesizeConfig(
    {
      certificates: TWO_CAS,
      mode: 'replace',
      includePublicRoots: true,
      tenants: [{ name: 'acme', agent: { releaseName: 'clearml-agent', namespace: 'acme-workers' } }],
    },
    { publicRoots },
  );
  const files = filesOf(result);
  const values = files['helm/acme/clearml-agent-values.override.yaml'];
  expect(values.match(/BEGIN CERTIFICATE/g)).toHaveLength(2); // the shared root is written once
  expect(files['acme.k8s.yaml']).toContain('clearml-trust/certificates: "2"');
  expect(files).toMatchSnapshot();
});
