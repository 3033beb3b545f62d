// The ConfigMaps a cluster would hold after the synthesized output is applied: the project's own
// (from the raw manifests `<chart>.k8s.yaml`) and the ones the ClearML chart creates from
// `customCertificates.extraCerts`. Volumes look them up by namespace and the name the template gives.

import { parseAllDocuments } from 'yaml';
import { type AgentRelease, customCertificatesOf, isRecord, type SynthesizedFiles } from './pod-spec';

export interface ConfigMapData {
  readonly namespace: string;
  readonly name: string;
  readonly data: Readonly<Record<string, string>>;
  /** Where it came from, for messages. */
  readonly origin: string;
}

export class ConfigMapStore {
  private readonly byKey = new Map<string, ConfigMapData>();

  add(configMap: ConfigMapData): void {
    const key = `${configMap.namespace}/${configMap.name}`;
    const previous = this.byKey.get(key);
    if (previous) {
      throw new Error(`ConfigMap ${key} comes from both ${previous.origin} and ${configMap.origin}`);
    }
    this.byKey.set(key, configMap);
  }

  get(namespace: string, name: string): ConfigMapData | undefined {
    return this.byKey.get(`${namespace}/${name}`);
  }

  names(namespace: string): string[] {
    return [...this.byKey.values()].filter((c) => c.namespace === namespace).map((c) => c.name);
  }
}

/**
 * Helm's standard `<chart>.fullname` helper, written here independently of lib/ so a naming mistake
 * there shows up as a ConfigMap the pod cannot find.
 */
export function chartFullname(release: AgentRelease): string {
  const name = release.chartName;
  const full = release.releaseName.includes(name) ? release.releaseName : `${release.releaseName}-${name}`;
  const cut = full.slice(0, 63);
  return cut.endsWith('-') ? cut.slice(0, -1) : cut; // sprig's trimSuffix removes one dash only
}

/** The documented ConfigMap name prefix: `<fullname>-custom-ca` (Agent), `<fullname>-apps-custom-ca` (Apps Agent). */
export function chartConfigMapPrefix(release: AgentRelease): string {
  return `${chartFullname(release)}-${release.kind === 'agent' ? 'custom-ca' : 'apps-custom-ca'}`;
}

/** Every ConfigMap the synthesis and the charts of `releases` would create. */
export function clusterConfigMaps(
  files: SynthesizedFiles,
  releases: readonly AgentRelease[],
): ConfigMapStore {
  const store = new ConfigMapStore();
  for (const [file, text] of files) {
    if (!file.endsWith('.k8s.yaml')) continue;
    for (const document of parseAllDocuments(text)) {
      const object: unknown = document.toJS();
      if (!isRecord(object) || object.kind !== 'ConfigMap') continue;
      const metadata = object.metadata;
      const data = object.data ?? {};
      if (!isRecord(metadata) || typeof metadata.name !== 'string' || !isRecord(data)) {
        throw new Error(`${file}: a ConfigMap without metadata.name or with non-mapping data`);
      }
      store.add({
        namespace: typeof metadata.namespace === 'string' ? metadata.namespace : 'default',
        name: metadata.name,
        data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)])),
        origin: file,
      });
    }
  }
  for (const release of releases) {
    const { extraCerts } = customCertificatesOf(files, release);
    extraCerts?.forEach((cert, index) => {
      store.add({
        namespace: release.namespace,
        name: `${chartConfigMapPrefix(release)}-${index}`,
        // The chart's data key is not documented. The emulation uses `<alias>.crt`: a key not
        // ending in `.crt` would be ignored by update-ca-certificates, which is exactly why the
        // project offers project-owned ConfigMaps (caConfigMaps: project) with a key it controls.
        data: { [`${cert.alias}.crt`]: cert.pem },
        origin: `${release.valuesFile} customCertificates.extraCerts[${index}] (chart emulation)`,
      });
    });
  }
  return store;
}
