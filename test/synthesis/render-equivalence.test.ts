// renderApp takes shortcuts for speed (one app preparation, chart order without a dependency graph,
// the fast YAML writer). This pins it to the plain cdk8s path, so a cdk8s or yaml upgrade that
// changes the plain path's output shows up here, not in a cluster.

import { type App, Yaml } from 'cdk8s';
import { stringify } from 'yaml';
import { renderApp } from '../../lib/app/render';
import { buildTrustApp } from '../../lib/app/trust-app';
import { loadCertificates } from '../../lib/certificates';
import { GO_YAML_INT, HelmValuesFile } from '../../lib/charts/helm-values-file';
import { parseTrustConfig } from '../../lib/config/read-config';
import { FIXED_NOW, TWO_CAS } from '../support/synth-fixture';

/** What cdk8s's own synth and yaml's stringify write for the app. */
function plainRender(app: App): Map<string, string> {
  const files = new Map<string, string>();
  for (const chart of app.charts) {
    const objects = chart.toJson();
    if (objects.length > 0) files.set(`${chart.node.id}.k8s.yaml`, Yaml.stringify(...objects));
  }
  for (const values of HelmValuesFile.of(app)) {
    const rendered = values.render();
    const header = rendered.slice(0, rendered.indexOf('\n', rendered.lastIndexOf('\n# ') + 1) + 1);
    const body = stringify(values.values, {
      version: '1.1',
      customTags: [GO_YAML_INT],
      lineWidth: 0,
      blockQuote: 'literal',
      aliasDuplicateObjects: false,
    });
    files.set(values.path, header + body);
  }
  return files;
}

function build(text: string): App {
  const config = parseTrustConfig(text, 'trust.yaml', '/');
  const { certificates } = loadCertificates(config.certificates, {
    policy: config.policy,
    now: () => FIXED_NOW,
  });
  return buildTrustApp(config, certificates);
}

test.each(['chart', 'project'])(
  'renderApp equals the plain cdk8s path (%s ConfigMaps, numeric tenant names)',
  (owner) => {
    const tenants = ['b', '10', 'a', '2', '01', '0'].map((name) => ({
      name,
      appGateway: { releaseName: 'clearml-app-gateway', namespace: `gw-${name}` },
      agent: { releaseName: 'clearml-agent', namespace: `ns-${name}`, caConfigMaps: owner },
    }));
    const text = stringify({
      certificates: TWO_CAS,
      tenants,
      controlPlane: { releaseName: 'clearml-enterprise', namespace: 'clearml', caConfigMaps: owner },
    });
    const fast = renderApp(build(text));
    const plain = plainRender(build(text));
    expect([...fast.keys()].sort()).toEqual([...plain.keys()].sort());
    for (const [file, content] of plain) expect({ file, content: fast.get(file) }).toEqual({ file, content });
  },
);
