// The constructs used from code, as the README shows them, and their prop validation.

import * as fs from 'node:fs';
import { App, Chart, Testing } from 'cdk8s';
import { loadCertificates } from '../../lib/certificates';
import { AgentValues } from '../../lib/charts/agent-values';
import { CaConfigMaps } from '../../lib/constructs/ca-config-maps';
import { CaProjectedVolume } from '../../lib/constructs/ca-projected-volume';
import { TaskPodTrust } from '../../lib/constructs/task-pod-trust';
import { EXAMPLE_ISSUING, EXAMPLE_ROOT, FIXED_NOW } from '../support/synth-fixture';

const now = () => FIXED_NOW;
const inlinePem = fs.readFileSync(EXAMPLE_ISSUING, 'utf8');
const { certificates } = loadCertificates([{ path: EXAMPLE_ROOT }, { pem: inlinePem, label: 'vault' }], {
  now,
});

test('the README example: AgentValues with project-owned ConfigMaps', () => {
  const app = new App();
  const chart = new Chart(app, 'acme');
  const agent = new AgentValues(chart, 'Agent', {
    trust: { mode: 'append', certificates },
    release: { releaseName: 'clearml-agent', namespace: 'acme-workers' },
    caConfigMaps: 'project',
  });
  expect(agent.taskPodTrust?.configMapNames).toEqual([
    'clearml-agent-clearml-enterprise-agent-ca-example-root-ca',
    'clearml-agent-clearml-enterprise-agent-ca-vault',
  ]);
  expect(agent.file.path).toBe('helm/acme-workers/clearml-agent-values.override.yaml');
  expect(agent.file.render()).toContain('name: clearml-agent-clearml-enterprise-agent-ca-vault');
  const manifests = chart.toJson();
  expect(manifests.map((m) => [m.kind, m.metadata.namespace, Object.keys(m.data)])).toEqual([
    ['ConfigMap', 'acme-workers', ['example-root-ca.crt']],
    ['ConfigMap', 'acme-workers', ['vault.crt']],
  ]);
});

test('chart-owned ConfigMaps are references: nothing is emitted, the names follow the chart', () => {
  const chart = Testing.chart();
  const maps = new CaConfigMaps(chart, 'Maps', {
    certificates,
    release: { releaseName: 'r', chartName: 'clearml-enterprise', nameOverride: 'x' },
    namespace: 'n',
    chartSuffix: 'apps-custom-ca',
  });
  expect(maps.names).toEqual(['r-x-apps-custom-ca-0', 'r-x-apps-custom-ca-1']);
  expect(Testing.synth(chart)).toEqual([]);
});

test('constructor validation says what to change', () => {
  const chart = Testing.chart();
  expect(
    () =>
      new CaConfigMaps(chart, 'Empty', {
        certificates: [],
        release: { releaseName: 'r', chartName: 'c' },
        namespace: 'n',
      }),
  ).toThrow('certificates must hold at least one CA');
  expect(() => new CaProjectedVolume(chart, 'V', { configMaps: [], name: 'ok' })).toThrow(
    'needs at least one ConfigMap',
  );
  expect(() => new CaProjectedVolume(chart, 'W', { configMaps: [], name: 'Bad_Name' })).toThrow(
    'volume name "Bad_Name"',
  );
  expect(
    () =>
      new TaskPodTrust(chart, 'T', {
        trust: { mode: 'replace', certificates },
        release: { releaseName: 'r', chartName: 'c' },
        namespace: 'n',
        caConfigMaps: 'chart',
      }),
  ).toThrow('cannot be "chart" in replace mode');
  expect(
    () =>
      new AgentValues(chart, 'NoInit', {
        trust: { mode: 'append', certificates },
        release: { releaseName: 'r', namespace: 'n' },
        taskPods: 'propagateToTasks',
        initImage: 'debian:12',
      }),
  ).toThrow('initImage has no effect: taskPods: propagateToTasks writes no init container');
  expect(
    () =>
      new TaskPodTrust(chart, 'ReplaceInit', {
        trust: { mode: 'replace', certificates },
        release: { releaseName: 'r', chartName: 'c' },
        namespace: 'n',
        podSecurity: 'restricted',
      }),
  ).toThrow('podSecurity has no effect: replace mode mounts the bundle directly');
  expect(
    () =>
      new AgentValues(chart, 'A', {
        trust: { mode: 'append', certificates },
        release: { releaseName: 'Not_A_Release', namespace: 'n' },
      }),
  ).toThrow('releaseName "Not_A_Release" must be a lower-case DNS label');
});

test('a ConfigMap over 1 MiB is refused at synth time', () => {
  const chart = Testing.chart();
  const big = Array.from({ length: 2000 }, () => certificates[0].pem).join('');
  expect(
    () =>
      new TaskPodTrust(chart, 'T', {
        trust: { mode: 'replace', certificates, publicRoots: [big] },
        release: { releaseName: 'r', chartName: 'c' },
        namespace: 'n',
      }),
  ).toThrow(/would hold \d+ bytes; Kubernetes allows at most 1048576/);
});
