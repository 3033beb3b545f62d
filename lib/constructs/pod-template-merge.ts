// Helm replaces lists from later `-f` files whole, so the user's own basePodTemplate lists are merged
// into ours and written in one file. Two entries with the same identity would silently shadow each
// other in Kubernetes (or be refused at apply time), so a collision is an error here.

import type { PodSpecEntry } from '../config/model';

/** Anything with a name: our typed L1 entries and the user's pass-through ones. */
export interface Named {
  readonly name: string;
}

function field(entry: Named, key: string): unknown {
  return (entry as unknown as Record<string, unknown>)[key];
}

/**
 * Ours first, then the user's, refusing an entry of the user's whose identity (`keys`) equals one of
 * ours or an earlier one of theirs.
 */
export function mergeEntries<T extends Named>(
  list: string,
  ours: readonly T[],
  theirs: readonly PodSpecEntry[],
  keys: readonly string[] = ['name'],
): (T | PodSpecEntry)[] {
  const merged: (T | PodSpecEntry)[] = [...ours];
  for (const [index, entry] of theirs.entries()) {
    for (const key of keys) {
      const value = field(entry, key);
      const clash = merged.find((existing) => value !== undefined && field(existing, key) === value);
      if (clash) {
        const owner = ours.includes(clash as T) ? 'the CA trust setup' : 'an earlier entry of yours';
        throw new Error(
          `basePodTemplate.${list}[${index}]: ${key} "${String(value)}" is already used by ${owner}; ` +
            'rename yours (we write the whole list, because Helm replaces lists from later values files whole)',
        );
      }
    }
    merged.push(entry);
  }
  return merged;
}
