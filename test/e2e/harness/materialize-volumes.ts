// Writes a pod's volumes to disk the way the kubelet does, so the containers see what a node gives them.

import { randomInt } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigMapData, ConfigMapStore } from './config-maps';
import type { ConfigMapSource, KeyToPath, Volume } from './pod-spec';

/** The pod never starts: what `kubectl describe pod` shows as a ContainerCreating event. */
export class PodStuckError extends Error {
  constructor(
    readonly volume: string,
    reason: string,
  ) {
    super(`pod stuck in ContainerCreating: MountVolume.SetUp failed for volume "${volume}" : ${reason}`);
    this.name = 'PodStuckError';
  }
}

export interface MaterializedVolume {
  readonly name: string;
  readonly hostPath: string;
  /** The kubelet mounts configMap and projected volumes read-only whatever the mount says. */
  readonly alwaysReadOnly: boolean;
}

/** kubelet's timestamped folder name: Go's `..2006_01_02_15_04_05.` plus random digits. */
function timestampedName(now: Date): string {
  const p = (n: number, width = 2) => String(n).padStart(width, '0');
  const stamp = `${now.getUTCFullYear()}_${p(now.getUTCMonth() + 1)}_${p(now.getUTCDate())}_${p(now.getUTCHours())}_${p(now.getUTCMinutes())}_${p(now.getUTCSeconds())}`;
  return `..${stamp}.${randomInt(100_000_000, 999_999_999)}`;
}

interface PayloadFile {
  readonly path: string;
  readonly content: string;
  readonly mode: number;
}

/**
 * The kubelet's atomic writer: the files in a timestamped folder, a `..data` symlink to it, and one
 * symlink per top-level entry pointing to `..data/<entry>`. `update-ca-certificates` uses `find -L`, so
 * it sees each file three times over; a plain-file emulation would hide that.
 */
function writeAtomically(dir: string, files: readonly PayloadFile[], now: Date): void {
  const stamped = timestampedName(now);
  const stampedDir = path.join(dir, stamped);
  fs.mkdirSync(stampedDir, { mode: 0o755 });
  fs.chmodSync(stampedDir, 0o755);
  for (const file of files) {
    const target = path.join(stampedDir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    fs.writeFileSync(target, file.content);
    fs.chmodSync(target, file.mode);
  }
  fs.symlinkSync(stamped, path.join(dir, '..data'));
  for (const top of new Set(files.map((f) => f.path.split('/')[0]))) {
    fs.symlinkSync(path.join('..data', top), path.join(dir, top));
  }
}

function checkMode(volume: string, mode: number | undefined): number | undefined {
  if (mode !== undefined && !(Number.isInteger(mode) && mode >= 0 && mode <= 0o777)) {
    throw new Error(`volume "${volume}": mode ${mode} is not a file mode (0 to 0777)`);
  }
  return mode;
}

/** The files one configMap source contributes, or a ContainerCreating failure when it is missing. */
function configMapFiles(
  volume: string,
  source: ConfigMapSource,
  defaultMode: number,
  lookup: (name: string) => ConfigMapData | undefined,
): PayloadFile[] {
  if (typeof source.name !== 'string' || source.name === '') {
    throw new Error(`volume "${volume}": a configMap source without a name`);
  }
  const configMap = lookup(source.name);
  if (!configMap) {
    if (source.optional) return [];
    throw new PodStuckError(volume, `configmap "${source.name}" not found`);
  }
  const items: KeyToPath[] = source.items ?? Object.keys(configMap.data).map((key) => ({ key, path: key }));
  return items.map((item) => {
    const content = configMap.data[item.key];
    if (content === undefined) {
      throw new PodStuckError(volume, `configmap references non-existent config key: ${item.key}`);
    }
    if (path.isAbsolute(item.path) || item.path.split('/').includes('..')) {
      throw new Error(`volume "${volume}": item path "${item.path}" must be relative without ..`);
    }
    return { path: item.path, content, mode: checkMode(volume, item.mode) ?? defaultMode };
  });
}

/**
 * Materializes every volume under `podDir/volumes/<name>`. `lookup` finds ConfigMaps in the pod's
 * namespace by the exact name the template references.
 */
export function materializeVolumes(
  podDir: string,
  volumes: readonly Volume[],
  configMaps: ConfigMapStore,
  namespace: string,
  now: Date = new Date(),
): Map<string, MaterializedVolume> {
  const lookup = (name: string) => configMaps.get(namespace, name);
  const result = new Map<string, MaterializedVolume>();
  for (const volume of volumes) {
    if (result.has(volume.name)) throw new Error(`two volumes are named "${volume.name}"`);
    const hostPath = path.join(podDir, 'volumes', volume.name);
    fs.mkdirSync(hostPath, { recursive: true });
    const kinds = (['emptyDir', 'configMap', 'projected'] as const).filter((k) => volume[k] !== undefined);
    const other = Object.keys(volume).filter(
      (k) => k !== 'name' && !kinds.includes(k as (typeof kinds)[number]),
    );
    if (kinds.length !== 1 || other.length > 0) {
      throw new Error(
        `volume "${volume.name}": the harness emulates exactly one of emptyDir, configMap, projected; got ${Object.keys(volume).join(', ')}`,
      );
    }
    if (volume.emptyDir) {
      // The kubelet creates emptyDir world-writable: a non-root init container can write it.
      fs.chmodSync(hostPath, 0o777);
      result.set(volume.name, { name: volume.name, hostPath, alwaysReadOnly: false });
      continue;
    }
    let files: PayloadFile[];
    if (volume.configMap) {
      const mode = checkMode(volume.name, volume.configMap.defaultMode) ?? 0o644;
      files = configMapFiles(volume.name, volume.configMap, mode, lookup);
    } else {
      const projected = volume.projected ?? { sources: [] };
      const mode = checkMode(volume.name, projected.defaultMode) ?? 0o644;
      files = [];
      for (const source of projected.sources ?? []) {
        if (!source.configMap) {
          throw new Error(`volume "${volume.name}": the harness emulates only configMap projections`);
        }
        files.push(...configMapFiles(volume.name, source.configMap, mode, lookup));
      }
      const seen = new Set<string>();
      for (const file of files) {
        // The API server refuses a projected volume whose sources write the same path.
        if (seen.has(file.path)) {
          throw new Error(`volume "${volume.name}": two projected sources write the file "${file.path}"`);
        }
        seen.add(file.path);
      }
    }
    fs.chmodSync(hostPath, 0o755);
    writeAtomically(hostPath, files, now);
    result.set(volume.name, { name: volume.name, hostPath, alwaysReadOnly: true });
  }
  return result;
}
