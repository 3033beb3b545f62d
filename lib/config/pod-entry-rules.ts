// Checks on what users give us to write into the task pod template. The file we write carries the
// whole list (Helm replaces lists whole), so a broken entry would break every task pod: catch the
// mistakes Kubernetes would refuse, at synth time. Shared by the config reader and the constructs.

import { dnsLabelProblem } from '../helm/names';

export type PodEntryList = 'env' | 'volumes' | 'volumeMounts' | 'initContainers';

export interface EntryProblem {
  /** The entry's key at fault. */
  readonly key: string;
  readonly problem: string;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export function podEntryProblem(
  list: PodEntryList,
  entry: Readonly<Record<string, unknown>>,
): EntryProblem | undefined {
  const name = entry.name;
  if (typeof name !== 'string' || name === '')
    return { key: 'name', problem: 'is required and must be a string' };
  if (list === 'env') {
    if (!ENV_NAME.test(name)) {
      return {
        key: 'name',
        problem: `"${name}" is not a valid environment variable name ([-._a-zA-Z][-._a-zA-Z0-9]*)`,
      };
    }
    if ('value' in entry && typeof entry.value !== 'string') {
      return { key: 'value', problem: 'must be a string (quote numbers and booleans in YAML)' };
    }
    return undefined;
  }
  const nameProblem = dnsLabelProblem(name);
  if (nameProblem) return { key: 'name', problem: `"${name}" ${nameProblem}` };
  if (list === 'volumeMounts') {
    const mountPath = entry.mountPath;
    if (typeof mountPath !== 'string' || !mountPath.startsWith('/')) {
      return { key: 'mountPath', problem: 'must be an absolute path' };
    }
  }
  if (list === 'initContainers' && (typeof entry.image !== 'string' || entry.image === '')) {
    return { key: 'image', problem: 'is required and must be a string' };
  }
  return undefined;
}
