// Kubernetes refuses a ConfigMap whose data exceeds 1 MiB; say so at synth time, not at apply time.

export const MAX_CONFIG_MAP_BYTES = 1024 * 1024;

export function checkConfigMapSize(name: string, data: Readonly<Record<string, string>>): void {
  const bytes = Object.entries(data).reduce(
    (sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value),
    0,
  );
  if (bytes > MAX_CONFIG_MAP_BYTES) {
    throw new Error(
      `ConfigMap "${name}" would hold ${bytes} bytes; Kubernetes allows at most ${MAX_CONFIG_MAP_BYTES} (1 MiB). ` +
        'Trust fewer certificates (or drop includePublicRoots).',
    );
  }
}
