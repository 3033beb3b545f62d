// Runs one container's command with its mounts in place and a clean environment, in one of two ways:
//   namespace: `unshare -m --propagation private` and bind mounts at the container's own paths (root only).
//   flags:     no mounts; update-ca-certificates' directory flags and the clients' CA paths are pointed
//              at the folders the container paths map to.
// Neither ever writes the machine's own trust store: in the namespace every trust-store path is
// covered by a bind mount that exists only there; with flags, every directory is redirected.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeResult, type ProcessResult, runProcess, shellQuote } from './process';
import { CONTAINER_PATH, type RunnerKind, requireTool } from './tools';

/** A folder or file of this machine seen at `target` inside the container. */
export interface Bind {
  readonly target: string;
  readonly source: string;
  readonly readOnly: boolean;
}

/** The user a container runs as, from its securityContext (root when it has none). */
export interface RunAs {
  readonly uid: number;
  readonly gid: number;
  /** allowPrivilegeEscalation: false */
  readonly noNewPrivs: boolean;
  /** capabilities.drop: [ALL] */
  readonly dropAllCapabilities: boolean;
}

/** Programs whose built-in CA locations the flags runner must redirect (the namespace needs nothing). */
export type DefaultCaUser = 'curl' | 'openssl';

export interface ContainerRun {
  /** For messages, e.g. `init-task` or `task/curl`. */
  readonly name: string;
  /** In mount order: parents before children, later binds over earlier ones. */
  readonly binds: readonly Bind[];
  readonly runAs?: RunAs;
  /** The container's environment, without PATH. */
  readonly env: Readonly<Record<string, string>>;
  readonly argv: readonly string[];
  readonly defaultCaUser?: DefaultCaUser;
  readonly timeoutMs?: number;
}

/** The harness could not set a container up: never a trust result. */
export class HarnessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarnessError';
  }
}

export interface ContainerRunner {
  readonly kind: RunnerKind;
  /** A line for the test output saying how containers run. */
  readonly description: string;
  run(container: ContainerRun): Promise<ProcessResult>;
}

const HARNESS_EXIT = 125;
const HARNESS_MARK = 'e2e harness:';

/** The bind that decides what `containerPath` is, and the host path it maps to; undefined: the machine's own. */
export function translate(
  binds: readonly Bind[],
  containerPath: string,
): { readonly hostPath: string; readonly bind: Bind } | undefined {
  for (let i = binds.length - 1; i >= 0; i--) {
    const bind = binds[i];
    if (containerPath === bind.target) return { hostPath: bind.source, bind };
    if (containerPath.startsWith(`${bind.target}/`)) {
      return { hostPath: path.join(bind.source, containerPath.slice(bind.target.length + 1)), bind };
    }
  }
  return undefined;
}

/** A private /tmp for one run (world-writable with the sticky bit, as in an image). */
function makeRunTmp(scratch: string): string {
  const dir = fs.mkdtempSync(path.join(scratch, 'tmp-'));
  fs.chmodSync(dir, 0o1777);
  return dir;
}

function setprivArgs(runAs: RunAs): string[] {
  return [
    `--reuid=${runAs.uid}`,
    `--regid=${runAs.gid}`,
    '--clear-groups',
    ...(runAs.noNewPrivs ? ['--no-new-privs'] : []),
    ...(runAs.dropAllCapabilities ? ['--inh-caps=-all', '--bounding-set=-all'] : []),
  ];
}

/**
 * Mount points must exist before a bind. The runtime creates a missing one inside a volume (as runc
 * does); the harness creates it only inside its own scratch folders and never on the machine itself.
 */
function ensureMountPoints(binds: readonly Bind[], scratch: string): void {
  binds.forEach((bind, i) => {
    const sourceIsDir = fs.statSync(bind.source).isDirectory();
    const seen = translate(binds.slice(0, i), bind.target);
    const hostPath = seen?.hostPath ?? bind.target;
    if (fs.existsSync(hostPath)) {
      if (fs.statSync(hostPath).isDirectory() !== sourceIsDir) {
        throw new HarnessError(
          `cannot mount ${bind.source} at ${bind.target}: one is a folder, the other not`,
        );
      }
      return;
    }
    if (!seen || !hostPath.startsWith(`${scratch}/`) || seen.bind.readOnly) {
      throw new HarnessError(
        `mount point ${bind.target} does not exist ${seen ? `in ${seen.bind.source} (read-only)` : 'on this machine'}, ` +
          'and the harness does not create it there',
      );
    }
    if (sourceIsDir) fs.mkdirSync(hostPath, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(hostPath), { recursive: true });
      fs.writeFileSync(hostPath, '');
    }
  });
}

export class NamespaceRunner implements ContainerRunner {
  readonly kind = 'namespace' as const;
  readonly description =
    'mount namespace: unshare -m --propagation private, bind mounts at the template mountPaths, setpriv for runAsUser';
  private readonly unshare = requireTool('unshare', 'creates the private mount namespace containers run in');
  private readonly setpriv = requireTool(
    'setpriv',
    'runs containers as the UID/GID of their securityContext',
  );
  private readonly mount = requireTool('mount', 'bind-mounts the volumes in the namespace');
  private readonly env = requireTool('env', 'starts each container with a clean environment');

  /** `scratch`: the test's temp folder; mount points are only ever created below it. */
  constructor(private readonly scratch: string) {}

  async run(container: ContainerRun): Promise<ProcessResult> {
    ensureMountPoints(container.binds, this.scratch);
    const tmp = makeRunTmp(this.scratch);
    const q = shellQuote;
    const fail = (what: string) => `{ echo ${q(`${HARNESS_MARK} ${what}`)} >&2; exit ${HARNESS_EXIT}; }`;
    const lines = ['set -u'];
    for (const bind of [...container.binds, { target: '/tmp', source: tmp, readOnly: false }]) {
      lines.push(
        `${q(this.mount)} --bind ${q(bind.source)} ${q(bind.target)} || ${fail(`cannot bind ${bind.source} at ${bind.target}`)}`,
      );
      if (bind.readOnly) {
        lines.push(
          `${q(this.mount)} -o remount,bind,ro ${q(bind.target)} || ${fail(`cannot make ${bind.target} read-only`)}`,
        );
      }
    }
    lines.push(`cd / || ${fail('cannot cd /')}`);
    const envArgs = [
      '-i',
      `PATH=${CONTAINER_PATH}`,
      ...Object.entries(container.env).map(([k, v]) => `${k}=${v}`),
    ];
    const user = container.runAs ? [this.setpriv, ...setprivArgs(container.runAs), '--'] : [];
    // env takes the first word without `=` as the command (it has no `--` after assignments).
    if (container.argv[0]?.includes('=') !== false) {
      throw new HarnessError(`${container.name}: the command must not be empty or contain "="`);
    }
    lines.push(`exec ${[...user, this.env, ...envArgs, ...container.argv].map(q).join(' ')}`);
    const result = await runProcess(
      this.unshare,
      ['-m', '--propagation', 'private', '--', '/bin/sh', '-c', lines.join('\n')],
      { env: { PATH: CONTAINER_PATH }, timeoutMs: container.timeoutMs },
    );
    fs.rmSync(tmp, { recursive: true, force: true });
    if (result.code === HARNESS_EXIT && result.stderr.includes(HARNESS_MARK)) {
      throw new HarnessError(describeResult(`setting up ${container.name}`, result));
    }
    return result;
  }
}

const TRUST_DIRS = {
  certsconf: '/etc/ca-certificates.conf',
  certsdir: '/usr/share/ca-certificates',
  localcertsdir: '/usr/local/share/ca-certificates',
  etccertsdir: '/etc/ssl/certs',
  hooksdir: '/etc/ca-certificates/update.d',
} as const;

const DEFAULT_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
const DEFAULT_CERT_DIR = '/etc/ssl/certs';

export class FlagsRunner implements ContainerRunner {
  readonly kind = 'flags' as const;
  readonly description =
    'directory flags: update-ca-certificates --certsconf/--certsdir/--localcertsdir/--etccertsdir/--hooksdir ' +
    'and client CA paths point at the materialized volumes (no mount namespace; without root, every ' +
    'container runs as the current user)';
  private readonly updateCaCertificates = requireTool(
    'update-ca-certificates',
    'builds the CA bundle in the init container',
  );

  constructor(private readonly scratch: string) {}

  async run(container: ContainerRun): Promise<ProcessResult> {
    const { binds } = container;
    const hostOf = (containerPath: string): Bind & { readonly hostPath: string } => {
      const seen = translate(binds, containerPath);
      // Without a bind the path is the machine's own: never read or write its trust store.
      if (!seen) {
        throw new HarnessError(
          `${container.name}: ${containerPath} is not mounted; the flags runner will not use this machine's`,
        );
      }
      return { ...seen.bind, hostPath: seen.hostPath };
    };
    if (container.argv.some((word) => /\/update-ca-certificates\b/.test(word))) {
      throw new HarnessError(
        `${container.name}: calls update-ca-certificates by absolute path, which the flags runner cannot redirect`,
      );
    }
    const shimDir = fs.mkdtempSync(path.join(this.scratch, 'shim-'));
    fs.chmodSync(shimDir, 0o755);
    // update-ca-certificates as the command finds it on PATH, with every directory redirected. Where
    // the container's /etc/ssl/certs is not a writable volume it refuses, as a harness failure.
    const etc = hostOf(TRUST_DIRS.etccertsdir);
    const flags = Object.entries(TRUST_DIRS).flatMap(([flag, p]) => [`--${flag}`, hostOf(p).hostPath]);
    const body = etc.readOnly
      ? `echo ${shellQuote(`${HARNESS_MARK} update-ca-certificates would write ${TRUST_DIRS.etccertsdir}, which maps to the read-only ${etc.source}`)} >&2\nexit ${HARNESS_EXIT}`
      : `exec ${[this.updateCaCertificates, ...flags].map(shellQuote).join(' ')} "$@"`;
    fs.writeFileSync(path.join(shimDir, 'update-ca-certificates'), `#!/bin/sh\n${body}\n`, { mode: 0o755 });

    // Env values naming a container path name its folder here instead.
    const env: Record<string, string> = { PATH: `${shimDir}:${CONTAINER_PATH}` };
    for (const [name, value] of Object.entries(container.env)) {
      env[name] = value.startsWith('/') ? (translate(binds, value)?.hostPath ?? value) : value;
    }
    let argv = [...container.argv];
    // The built-in CA locations (/etc/ssl/certs/ca-certificates.crt and /etc/ssl/certs) are the
    // machine's here, so they are given explicitly, mapped, exactly where the program would use them.
    if (container.defaultCaUser === 'curl') {
      // The curl tool reads CURL_CA_BUNDLE, else SSL_CERT_DIR and SSL_CERT_FILE, but only when no
      // --cacert/--capath is given: so both are passed, each resolved the way curl would.
      const cacert = env.CURL_CA_BUNDLE ?? env.SSL_CERT_FILE ?? hostOf(DEFAULT_BUNDLE).hostPath;
      const capath =
        (env.CURL_CA_BUNDLE === undefined ? env.SSL_CERT_DIR : undefined) ??
        hostOf(DEFAULT_CERT_DIR).hostPath;
      const quiet = argv[1] === '-q' ? 2 : 1;
      argv = [...argv.slice(0, quiet), '--cacert', cacert, '--capath', capath, ...argv.slice(quiet)];
    } else if (container.defaultCaUser === 'openssl') {
      env.SSL_CERT_DIR ??= hostOf(DEFAULT_CERT_DIR).hostPath;
      env.SSL_CERT_FILE ??= hostOf(DEFAULT_BUNDLE).hostPath;
    }

    let file = argv[0];
    let args = argv.slice(1);
    const uid = process.getuid?.();
    if (container.runAs && container.runAs.uid !== uid) {
      if (uid !== 0) {
        // Not root: cannot switch user. The current user is not root either, which is what matters.
        console.log(
          `[e2e] ${container.name}: runs as uid ${uid}, not ${container.runAs.uid} (no root to switch)`,
        );
      } else {
        const setpriv = requireTool('setpriv', 'runs containers as the UID/GID of their securityContext');
        args = [...setprivArgs(container.runAs), '--', file, ...args];
        file = setpriv;
      }
    }
    const result = await runProcess(file, args, { env, timeoutMs: container.timeoutMs });
    fs.rmSync(shimDir, { recursive: true, force: true });
    if (result.code === HARNESS_EXIT && result.stderr.includes(HARNESS_MARK)) {
      throw new HarnessError(describeResult(`running ${container.name}`, result));
    }
    return result;
  }
}

export function makeRunner(kind: RunnerKind, scratch: string): ContainerRunner {
  return kind === 'namespace' ? new NamespaceRunner(scratch) : new FlagsRunner(scratch);
}

/** A scratch folder every container user can traverse (mkdtemp makes 0700). */
export function makeScratch(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  fs.chmodSync(dir, 0o755);
  return dir;
}
