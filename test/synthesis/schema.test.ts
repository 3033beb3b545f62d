// Validates what we write against the Kubernetes 1.27+ OpenAPI schema (kubernetes-models): the raw
// manifests as they are, and each basePodTemplate as the pod the Agent would build from it.

import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Pod } from 'kubernetes-models/v1/Pod';
import { parse, parseAllDocuments } from 'yaml';
import { acmeConfig, filesOf, synthesizeConfig } from '../support/synth-fixture';

const config = (mode: 'append' | 'replace', caConfigMaps: 'chart' | 'project', podSecurity: string) =>
  acmeConfig(
    mode,
    {
      ...(podSecurity === 'restricted' ? { podSecurity } : {}),
      ...(mode === 'append' ? { caConfigMaps } : {}),
      basePodTemplate: { env: [{ name: 'HTTPS_PROXY', value: 'http://proxy:3128' }] },
    },
    { controlPlane: { releaseName: 'clearml-enterprise', namespace: 'clearml' } },
  );

const CASES = [
  ['append', 'chart', 'baseline'],
  ['append', 'project', 'restricted'],
  ['replace', 'project', 'baseline'], // replace mode has no init container to restrict
] as const;

/** A task pod as the Agent would build it: our template's lists around one task container. */
function taskPod(template: Record<string, unknown>): Pod {
  const { initContainers, env, volumeMounts, volumes } = template as Record<string, never>;
  return new Pod({
    metadata: { name: 'task' },
    spec: {
      initContainers,
      containers: [{ name: 'task', image: 'python:3.11-slim', env, volumeMounts }],
      volumes,
    },
  });
}

describe.each(CASES)('%s mode, %s ConfigMaps, %s', (mode, owner, podSecurity) => {
  const files = filesOf(synthesizeConfig(config(mode, owner, podSecurity)));

  test('every raw manifest is a valid ConfigMap', () => {
    const manifests = Object.entries(files).filter(([file]) => file.endsWith('.k8s.yaml'));
    if (mode === 'append' && owner === 'chart') expect(manifests).toEqual([]);
    else expect(manifests.length).toBeGreaterThan(0);
    for (const [, text] of manifests) {
      for (const document of parseAllDocuments(text)) {
        const object = document.toJS();
        expect(object.kind).toBe('ConfigMap');
        expect(() => new ConfigMap(object).validate()).not.toThrow();
      }
    }
  });

  test('every task pod template makes a valid Pod', () => {
    const agent = parse(files['helm/acme/clearml-agent-values.override.yaml']).agentk8sglue.basePodTemplate;
    const apps = parse(files['helm/control-plane/clearml-values.override.yaml']).clearmlApplications
      .basePodTemplate;
    for (const template of [agent, apps]) expect(() => taskPod(template).validate()).not.toThrow();
  });
});

test('the validator does catch a broken template (so the checks above can fail)', () => {
  const files = filesOf(synthesizeConfig(config('append', 'chart', 'baseline')));
  const template = parse(files['helm/acme/clearml-agent-values.override.yaml']).agentk8sglue.basePodTemplate;
  delete template.volumeMounts[0].mountPath;
  expect(() => taskPod(template).validate()).toThrow(/mountPath/);
});

test('the restricted profile: the init container is non-root with nothing to escalate', () => {
  const files = filesOf(synthesizeConfig(config('append', 'chart', 'restricted')));
  const [init] = parse(files['helm/acme/clearml-agent-values.override.yaml']).agentk8sglue.basePodTemplate
    .initContainers;
  expect(init.securityContext).toEqual({
    runAsNonRoot: true,
    runAsUser: 65532,
    runAsGroup: 65532,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  });
  // Only volume types the restricted profile allows.
  const volumes = parse(files['helm/acme/clearml-agent-values.override.yaml']).agentk8sglue.basePodTemplate
    .volumes;
  for (const volume of volumes) {
    expect(Object.keys(volume).filter((k) => k !== 'name')).toEqual([
      expect.stringMatching(/^(emptyDir|projected|configMap)$/),
    ]);
  }
});
