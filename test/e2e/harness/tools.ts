// The programs the end-to-end test needs, found up front: a missing one fails the test with its name,
// never a silent skip. Also decides how containers are run (mount namespace or directory flags).

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The PATH a Debian-based container image typically sets; the containers run with this PATH. */
export const CONTAINER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Where a program is looked for: this process's PATH, then the usual sbin folders (non-root PATHs lack them). */
function searchPath(): string[] {
  return [...(process.env.PATH ?? '').split(':').filter(Boolean), ...CONTAINER_PATH.split(':')];
}

export function findTool(name: string): string | undefined {
  for (const dir of searchPath()) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The absolute path of `name`, or an error that names the program and why the test needs it. */
export function requireTool(name: string, why: string): string {
  const found = findTool(name);
  if (!found) {
    throw new Error(
      `The end-to-end trust test needs "${name}" (${why}), and it is not on PATH ` +
        `(searched ${[...new Set(searchPath())].join(':')}). Install it; this test is never skipped.`,
    );
  }
  return found;
}

/**
 * The real interpreter (not a pyenv shim, which needs its own environment) of a `python3` that can
 * import `requests`, as ClearML tasks do.
 */
export function requirePythonWithRequests(): string {
  const python3 = requireTool('python3', 'runs Python requests, the HTTP client of ClearML tasks');
  const probe = spawnSync(
    python3,
    [
      '-c',
      'import os, sys, requests, certifi; print(sys.executable); print(os.path.realpath(certifi.where()))',
    ],
    { encoding: 'utf8' },
  );
  const [executable, certifiBundle] = (probe.stdout ?? '').trim().split('\n');
  if (probe.status !== 0 || !executable) {
    throw new Error(
      `The end-to-end trust test needs "python3" with the "requests" package (the HTTP client of ClearML ` +
        `tasks); "${python3} -c 'import requests'" failed: ${(probe.stderr ?? '').trim() || probe.error?.message}`,
    );
  }
  // Without REQUESTS_CA_BUNDLE, requests falls back to certifi's bundle: the negative control for a
  // missing REQUESTS_CA_BUNDLE means something only when that is not the system bundle (Debian's
  // python3-certifi points certifi at /etc/ssl/certs/ca-certificates.crt).
  if (certifiBundle?.startsWith('/etc/ssl/')) {
    throw new Error(
      `certifi.where() is the system bundle (${certifiBundle}), so a missing REQUESTS_CA_BUNDLE cannot be ` +
        'told apart from a working one; use a python3 whose requests has its own certifi bundle (pip install certifi)',
    );
  }
  return executable;
}

export type RunnerKind = 'namespace' | 'flags';

export interface RunnerChoice {
  readonly kind: RunnerKind;
  /** Why, for the test output. */
  readonly reason: string;
}

/** Set to `namespace` or `flags` to force a runner (forcing `namespace` where it cannot work fails). */
export const RUNNER_ENV = 'CLEARML_TRUST_E2E_RUNNER';

/**
 * A private mount namespace when this machine allows one (root, and `unshare -m` works): containers
 * then see their volumes at the template's own paths. Otherwise `update-ca-certificates`' directory
 * flags and explicit client paths point at the materialized volumes.
 */
export function chooseRunner(forced: string | undefined = process.env[RUNNER_ENV]): RunnerChoice {
  if (forced !== undefined && forced !== 'namespace' && forced !== 'flags') {
    throw new Error(`${RUNNER_ENV} must be "namespace" or "flags", not "${forced}"`);
  }
  if (forced === 'flags') return { kind: 'flags', reason: `forced by ${RUNNER_ENV}=flags` };
  const problem = namespaceProblem();
  if (problem === undefined) {
    return {
      kind: 'namespace',
      reason: `root and "unshare -m" works${forced ? ` (${RUNNER_ENV}=namespace)` : ''}`,
    };
  }
  if (forced === 'namespace') {
    throw new Error(`${RUNNER_ENV}=namespace, but a mount namespace cannot be used here: ${problem}`);
  }
  return { kind: 'flags', reason: problem };
}

function namespaceProblem(): string | undefined {
  const uid = process.getuid?.();
  if (uid !== 0) return `not running as root (uid ${uid ?? 'unknown'}), so no mount namespace`;
  const unshare = findTool('unshare');
  if (!unshare) return '"unshare" is not installed';
  const probe = spawnSync(unshare, ['-m', '--propagation', 'private', 'true'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    return `"unshare -m true" failed: ${(probe.stderr ?? '').trim() || probe.error?.message}`;
  }
  return undefined;
}
