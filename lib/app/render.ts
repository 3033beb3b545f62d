import { ApiObject, type App, Chart, DependencyGraph, Yaml } from 'cdk8s';
import { HelmValuesFile } from '../charts/helm-values-file';
import type { OutputFiles } from '../output/write-output';
import { fastYamlStringify, yamlFlavour } from '../yaml/fast-stringify';

/**
 * Renders the app: `<chart>.k8s.yaml` for each chart that holds Kubernetes objects (Argo CD reads these),
 * and each values file at its path under `helm/` (which Argo CD's directory source skips).
 *
 * Every check runs here, before anything is returned; the text of each file is produced when it is read
 * (and again on every read), so that writing a fleet's output holds one file's text in memory at a time,
 * not all of them. The files reflect the app as it is when read: do not change the app after rendering.
 * The map's key order is not meaningful; sort the paths.
 */
export function renderApp(app: App): OutputFiles {
  const files = new Map<string, () => string>();
  const owners = new Map<string, string>();
  let prepared = false;
  for (const chart of chartsOf(app)) {
    // Chart.toJson() prepares (resolves dependencies in) and validates the whole app on every call, which
    // made rendering quadratic in the number of charts (tenants). Call it once, for the first chart, then
    // do for each other chart the rest of what it does (cdk8s's chartToKube).
    const objects: readonly Manifest[] = prepared ? chartObjects(chart) : chart.toJson();
    prepared = true;
    for (const object of objects) {
      // Two releases sharing a fullnameOverride in one namespace would emit the same object twice.
      const key = `${object.kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;
      const owner = owners.get(key);
      if (owner)
        throw new Error(`${key} would be written by both ${owner} and ${chart.node.id}; rename a release`);
      owners.set(key, chart.node.id);
    }
    const file = `${chart.node.id}.k8s.yaml`;
    if (files.has(file)) throw new Error(`two charts would be written to ${file}; give them different ids`);
    if (objects.length > 0) files.set(file, () => stringifyManifests(objects));
  }
  for (const values of HelmValuesFile.of(app)) {
    if (files.has(values.path)) throw new Error(`two values files would be written to ${values.path}`);
    files.set(values.path, () => values.render());
  }
  return new RenderedFiles(files);
}

/**
 * The app's charts in construct order. Not app.charts: it builds a dependency graph of every construct
 * in the app (a tenth of the time at fleet scale), only to order the charts, and every consumer of the
 * rendered files sorts them by path anyway.
 */
function chartsOf(app: App): Chart[] {
  return app.node.findAll().filter((c): c is Chart => c instanceof Chart);
}

/** The fields of a manifest the checks read. */
interface Manifest {
  readonly kind?: string;
  readonly metadata?: { readonly namespace?: string; readonly name?: string };
}

/** What Chart.toJson() returns once the app is prepared: the chart's own API objects in dependency order. */
function chartObjects(chart: Chart): Manifest[] {
  // A chart of chart-owned ConfigMap references has no API object: finding that out is cheaper than the graph.
  if (!chart.node.findAll().some((x) => x instanceof ApiObject)) return [];
  return new DependencyGraph(chart.node)
    .topology()
    .filter((x): x is ApiObject => x instanceof ApiObject && Chart.of(x) === chart)
    .map((x) => x.toJson());
}

/** cdk8s's YAML flavour (Yaml.stringify: YAML 1.1, keepUndefined, lineWidth 0, repeated objects aliased). */
const MANIFEST_FLAVOUR = yamlFlavour({ version: '1.1', keepUndefined: true, aliasDuplicateObjects: true });

/** Byte for byte Yaml.stringify(...objects), through the fast writer where it applies. */
function stringifyManifests(objects: readonly unknown[]): string {
  return objects
    .map((o) => (o === undefined ? '\n' : (fastYamlStringify(o, MANIFEST_FLAVOUR) ?? Yaml.stringify(o))))
    .join('---\n');
}

/** A read-only map whose values are rendered on access. */
class RenderedFiles implements ReadonlyMap<string, string> {
  constructor(private readonly renderers: ReadonlyMap<string, () => string>) {}

  get size(): number {
    return this.renderers.size;
  }

  has(path: string): boolean {
    return this.renderers.has(path);
  }

  get(path: string): string | undefined {
    return this.renderers.get(path)?.();
  }

  forEach(
    callback: (value: string, path: string, map: ReadonlyMap<string, string>) => void,
    thisArg?: unknown,
  ): void {
    for (const [path, render] of this.renderers) callback.call(thisArg, render(), path, this);
  }

  *entries(): MapIterator<[string, string]> {
    for (const [path, render] of this.renderers) yield [path, render()];
  }

  keys(): MapIterator<string> {
    return this.renderers.keys();
  }

  *values(): MapIterator<string> {
    for (const render of this.renderers.values()) yield render();
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }
}
