import { type App, Yaml } from 'cdk8s';
import { HelmValuesFile } from '../charts/helm-values-file';
import type { OutputFiles } from '../output/write-output';

/**
 * Renders the app in memory: `<chart>.k8s.yaml` for each chart that holds Kubernetes objects (Argo CD
 * reads these), and each values file at its path under `helm/` (which Argo CD's directory source skips).
 */
export function renderApp(app: App): OutputFiles {
  const files = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const chart of app.charts) {
    const objects = chart.toJson();
    for (const object of objects) {
      // Two releases sharing a fullnameOverride in one namespace would emit the same object twice.
      const key = `${object.kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;
      const owner = owners.get(key);
      if (owner)
        throw new Error(`${key} would be written by both ${owner} and ${chart.node.id}; rename a release`);
      owners.set(key, chart.node.id);
    }
    if (objects.length > 0) files.set(`${chart.node.id}.k8s.yaml`, Yaml.stringify(...objects));
  }
  for (const values of HelmValuesFile.of(app)) {
    if (files.has(values.path)) throw new Error(`two values files would be written to ${values.path}`);
    files.set(values.path, values.render());
  }
  return files;
}
