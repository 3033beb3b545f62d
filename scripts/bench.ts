// npm run bench [-- --quick] [-- --runs <n>] [-- --keep]
//
// Synthesis speed and memory at fleet scale, side by side with the alternatives: times the real entry
// points as whole processes on generated inputs and prints markdown tables for the README.
// Everything it makes goes to a scratch folder under the OS temp folder, removed at the end.
// Needs Linux (/proc), openssl, kubectl (for `kubectl kustomize`), and GNU time for the per-process peak.
//
// scripts/bench/inputs.ts makes the inputs, measure.ts runs and measures, report.ts formats;
// test/synthesis/render-equivalence.test.ts and test/yaml/fast-stringify.test.ts check the rendering fast paths byte for byte.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  type BenchCertificate,
  certificateSubset,
  generateCertificates,
  writeKustomization,
  writeTemplateApp,
  writeTrustConfig,
} from './bench/inputs';
import { type BenchCommand, hasGnuTime, type Measurement, Runner, SAMPLE_MS } from './bench/measure';
import { logLogSlope, megabytes, seconds, table, timing, verdict } from './bench/report';

const REPO = path.resolve(__dirname, '..');
const CERT_COUNTS = [10, 100, 1000] as const;
const TENANT_COUNTS = [1, 10, 100] as const;
/** kubectl kustomize is super-linear in generators (10,000 took over five minutes here): stop at 1,000. */
const KUSTOMIZE_MAX_CONFIGMAPS = 1000;

interface Options {
  readonly quick: boolean;
  readonly runs?: number;
  readonly keep: boolean;
}

class SetupError extends Error {}

function parseArgs(argv: readonly string[]): Options {
  let quick = false;
  let keep = false;
  let runs: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--keep') keep = true;
    else if (arg === '--runs') {
      runs = Number(argv[++i]);
      if (!Number.isInteger(runs) || runs < 1) throw new SetupError('--runs takes a whole number, 1 or more');
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'npm run bench [-- --quick] [-- --runs <n>] [-- --keep]\n' +
          '  --quick     2 runs per case (1 for the largest), for a first look\n' +
          '  --runs <n>  n runs per case (after one warm-up)\n' +
          '  --keep      keep the scratch folder (inputs and logs) and print where it is\n',
      );
      process.exit(0);
    } else throw new SetupError(`unknown option ${arg} (see --help)`);
  }
  return { quick, runs, keep };
}

/** Runs per case after the warm-up: fewer where one run takes seconds. */
function runsFor(options: Options, configMaps: number): number {
  if (options.runs !== undefined) return options.runs;
  if (options.quick) return configMaps >= 10_000 ? 1 : 2;
  return configMaps >= 1000 ? 3 : 5;
}

function toolVersion(command: string, args: readonly string[], missing: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    const reason =
      (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' ? 'not found' : 'failed';
    throw new SetupError(`${command} ${reason}: ${missing}`);
  }
  return `${result.stdout}`.trim().split('\n').join(', ');
}

function preflight(): { openssl: string; kubectl: string } {
  if (process.platform !== 'linux') throw new SetupError('the benchmark reads /proc: run it on Linux');
  for (const bin of ['tsx', 'cdk8s', 'ts-node']) {
    if (!fs.existsSync(path.join(REPO, 'node_modules', '.bin', bin))) {
      throw new SetupError(`node_modules/.bin/${bin} is missing: run npm ci first`);
    }
  }
  const openssl = toolVersion(
    'openssl',
    ['version'],
    'the benchmark makes its CA certificates with the openssl CLI (Debian/Ubuntu: apt-get install openssl)',
  );
  const kubectl = toolVersion(
    'kubectl',
    ['version', '--client'],
    'the ConfigMap comparison runs `kubectl kustomize` (install kubectl 1.14 or later: https://kubernetes.io/docs/tasks/tools/)',
  );
  return { openssl, kubectl };
}

/** The environment of a plain shell: ours without npm's script variables and our own settings. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || ['CLEARML_TRUST_CONFIG', 'CDK8S_OUTDIR', 'CLEARML_TRUST_DEBUG'].includes(key))
      continue;
    env[key] = value;
  }
  // No registry calls from npx/npm while timing.
  env.NO_UPDATE_NOTIFIER = '1';
  env.npm_config_update_notifier = 'false';
  return env;
}

function folderStats(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

interface ConfigMapFacts {
  readonly data: string;
  readonly labels: string;
  readonly annotations: string;
}

/** ConfigMaps by namespace/name, from YAML streams. */
function configMapsIn(texts: readonly string[]): Map<string, ConfigMapFacts> {
  const found = new Map<string, ConfigMapFacts>();
  for (const text of texts) {
    for (const doc of parseAllDocuments(text)) {
      const object = doc.toJS() as {
        kind?: string;
        metadata?: { name?: string; namespace?: string; labels?: object; annotations?: object };
        data?: object;
      } | null;
      if (object?.kind !== 'ConfigMap') continue;
      const sorted = (o: object | undefined) => JSON.stringify(Object.entries(o ?? {}).sort());
      found.set(`${object.metadata?.namespace}/${object.metadata?.name}`, {
        data: sorted(object.data),
        labels: sorted(object.metadata?.labels),
        annotations: sorted(object.metadata?.annotations),
      });
    }
  }
  return found;
}

function sameConfigMaps(ours: Map<string, ConfigMapFacts>, theirs: Map<string, ConfigMapFacts>): string {
  if (ours.size !== theirs.size) return `no (${ours.size} vs ${theirs.size})`;
  let differ = 0;
  for (const [key, facts] of ours) {
    const other = theirs.get(key);
    if (!other || JSON.stringify(other) !== JSON.stringify(facts)) differ++;
  }
  return differ === 0 ? `yes (${ours.size})` : `no (${differ} differ)`;
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    return match ? match[1].trim() : (os.cpus()[0]?.model ?? 'unknown');
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
  const progress = (message: string) => process.stderr.write(`[${elapsed()}] ${message}\n`);
  const tools = preflight();

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'clearml-trust-bench-'));
  const cleanUp = () => {
    if (options.keep) process.stderr.write(`scratch folder kept: ${scratch}\n`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanUp();
    process.stderr.write(`interrupted (${signal})\n`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await runBenchmark(options, scratch, tools, progress, elapsed);
  } finally {
    cleanUp();
  }
}

async function runBenchmark(
  options: Options,
  scratch: string,
  tools: { openssl: string; kubectl: string },
  progress: (message: string) => void,
  elapsed: () => string,
): Promise<void> {
  const logs = path.join(scratch, 'logs');
  fs.mkdirSync(logs);
  const gnuTime = hasGnuTime(logs);
  if (!gnuTime) {
    progress(
      'GNU time (/usr/bin/time) not found: reporting only the sampled process-tree RSS ' +
        '(Debian/Ubuntu: apt-get install time)',
    );
  }
  const runner = new Runner(logs, gnuTime);
  const env = cleanEnv();
  const out = path.join(scratch, 'out');
  const removeOut = () => fs.rmSync(out, { recursive: true, force: true });

  // Inputs.
  const maxCerts = Math.max(...CERT_COUNTS);
  progress(`generating ${maxCerts} CA certificates with openssl`);
  const certStarted = performance.now();
  const allCerts = await generateCertificates(path.join(scratch, `certs-${maxCerts}`), scratch, maxCerts);
  const certSeconds = (performance.now() - certStarted) / 1000;
  progress(`certificates ready in ${certSeconds.toFixed(1)} s`);
  const certSets = new Map<number, { dir: string; certs: BenchCertificate[] }>();
  for (const n of CERT_COUNTS) {
    const dir = path.join(scratch, `certs-${n}`);
    certSets.set(n, { dir, certs: n === maxCerts ? allCerts : certificateSubset(allCerts, dir, n) });
  }
  const configFile = (n: number, m: number, owner: 'chart' | 'project') => {
    const file = path.join(scratch, 'configs', `${owner}-${n}x${m}.yaml`);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeTrustConfig(file, certSets.get(n)?.dir ?? '', m, owner);
    }
    return file;
  };
  const templateDir = path.join(scratch, 'cdk8s-template-app');
  writeTemplateApp(templateDir, REPO);

  const direct = (label: string, config?: string): BenchCommand => ({
    label,
    command: process.execPath,
    args: ['scripts/run-app.cjs'],
    cwd: REPO,
    env: { ...env, CDK8S_OUTDIR: out, ...(config ? { CLEARML_TRUST_CONFIG: config } : {}) },
  });
  const cli = (label: string, config?: string, cwd = REPO): BenchCommand => ({
    label,
    command: 'npx',
    args: ['cdk8s', 'synth', '--check-upgrade', 'false', '-o', out],
    cwd,
    env: { ...env, ...(config ? { CLEARML_TRUST_CONFIG: config } : {}) },
  });

  // 1. The embedded default and the template baseline.
  const defaultRuns = runsFor(options, 2);
  const measureDefault = (command: BenchCommand) =>
    runner.measure(command, { warmups: 1, runs: defaultRuns, afterEach: removeOut }, progress);
  const baseline = await measureDefault(cli('cdk8s template app (ts-node)', undefined, templateDir));
  const defaultCli = await measureDefault(cli('default: npx cdk8s synth'));
  const defaultDirect = await measureDefault(direct('default: node scripts/run-app.cjs'));

  // 2. The fleet grid.
  interface GridCase {
    readonly n: number;
    readonly m: number;
    readonly runs: number;
    readonly output: { files: number; bytes: number };
    readonly direct: Measurement;
    readonly cli: Measurement;
  }
  const grid: GridCase[] = [];
  for (const m of TENANT_COUNTS) {
    for (const n of CERT_COUNTS) {
      const config = configFile(n, m, 'chart');
      const runs = runsFor(options, n * m);
      let output = { files: 0, bytes: 0 };
      const afterEach = (last: boolean) => {
        if (last) output = folderStats(out);
        removeOut();
      };
      const directResult = await runner.measure(
        direct(`${n} CAs x ${m} tenants: node scripts/run-app.cjs`, config),
        { warmups: 1, runs, afterEach },
        progress,
      );
      const cliResult = await runner.measure(
        cli(`${n} CAs x ${m} tenants: npx cdk8s synth`, config),
        { warmups: 1, runs, afterEach: removeOut },
        progress,
      );
      grid.push({ n, m, runs, output, direct: directResult, cli: cliResult });
    }
  }

  // 3. CA ConfigMaps: ours with caConfigMaps: project against kubectl kustomize's configMapGenerator.
  interface KustomizeCase {
    readonly n: number;
    readonly m: number;
    readonly runs: number;
    readonly kustomize: Measurement;
    readonly ours: Measurement;
    readonly same: string;
  }
  const kustomizeCases: KustomizeCase[] = [];
  for (const m of TENANT_COUNTS) {
    for (const n of CERT_COUNTS) {
      if (n * m > KUSTOMIZE_MAX_CONFIGMAPS) continue;
      const kustomizeDir = path.join(scratch, `kustomize-${n}x${m}`);
      writeKustomization(kustomizeDir, certSets.get(n)?.certs ?? [], m);
      const runs = runsFor(options, n * m);
      let theirs = new Map<string, ConfigMapFacts>();
      let ours = new Map<string, ConfigMapFacts>();
      const outFile = path.join(scratch, 'kustomize-out.yaml');
      const kustomize = await runner.measure(
        {
          label: `${n} CAs x ${m} tenants: kubectl kustomize`,
          command: 'kubectl',
          args: ['kustomize', kustomizeDir, '-o', outFile],
          cwd: scratch,
          env,
        },
        {
          warmups: 1,
          runs,
          afterEach: (last) => {
            if (last) theirs = configMapsIn([fs.readFileSync(outFile, 'utf8')]);
            fs.rmSync(outFile, { force: true });
          },
        },
        progress,
      );
      const oursResult = await runner.measure(
        direct(`${n} CAs x ${m} tenants: caConfigMaps project`, configFile(n, m, 'project')),
        {
          warmups: 1,
          runs,
          afterEach: (last) => {
            if (last) {
              const manifests = fs.readdirSync(out).filter((f) => f.endsWith('.k8s.yaml'));
              ours = configMapsIn(manifests.map((f) => fs.readFileSync(path.join(out, f), 'utf8')));
            }
            removeOut();
          },
        },
        progress,
      );
      kustomizeCases.push({ n, m, runs, kustomize, ours: oursResult, same: sameConfigMaps(ours, theirs) });
    }
  }

  // Report.
  const rss = (m: Measurement) => (gnuTime ? megabytes(m.largestRssMb) : megabytes(m.treeRssMb));
  const rssPair = (m: Measurement) => `${megabytes(m.largestRssMb)} / ${megabytes(m.treeRssMb)}`;
  const lines: string[] = [];
  const today = new Date().toISOString().slice(0, 10);
  lines.push(
    '## Synthesis benchmark',
    '',
    `${today}; Node ${process.version}; ${os.availableParallelism()} CPUs (nproc), ${cpuModel()}; ` +
      `${os.platform()} ${os.release()}; ${tools.openssl}; ${tools.kubectl}. ` +
      'Produced by `npm run bench`' +
      (options.quick ? ' `--quick`' : options.runs ? ` \`--runs ${options.runs}\`` : '') +
      '.',
    '',
    'Every figure is a whole process started from a shell, with one warm-up run before the timed runs. ' +
      'Time: median wall seconds (min–max). ' +
      'Peak RSS, highest over the runs, in MiB: *largest process* is GNU time’s `%M` (Linux reports the ' +
      'highest peak of the process and of every descendant it waited for, so for `npx cdk8s synth` it is the ' +
      'biggest of npx, the cdk8s CLI and our app, not their sum); *tree* is the highest sum of VmRSS over ' +
      `all live processes of the tree, sampled every ${SAMPLE_MS} ms (it counts pages shared between ` +
      'processes once per process, and can miss a peak shorter than the interval).',
    '',
    '### The embedded default (`clearml-trust.yaml`) and the cdk8s template baseline',
    '',
    table(
      ['Command', 'Runs', 'Time s', 'Peak RSS MiB, largest process / tree'],
      [
        [
          'cdk8s template app (`cdk8s init typescript-app`: one empty chart, `app: npx ts-node main.ts`) under `npx cdk8s synth --check-upgrade false`',
          String(baseline.runs.length),
          timing(baseline),
          rssPair(baseline),
        ],
        [
          'ours under `npx cdk8s synth --check-upgrade false`',
          String(defaultCli.runs.length),
          timing(defaultCli),
          rssPair(defaultCli),
        ],
        [
          'ours: `node scripts/run-app.cjs` (`npm run synth`)',
          String(defaultDirect.runs.length),
          timing(defaultDirect),
          rssPair(defaultDirect),
        ],
      ],
    ),
    '',
    '### Fleet scale: N CA certificates × M tenants',
    '',
    'Each tenant has an App Gateway and an Agent whose task pods get the CAs through our `basePodTemplate` ' +
      '(append mode, the chart’s ConfigMaps). The N certificates are distinct self-signed CAs made with ' +
      '`openssl req -x509` from one P-256 key, in one directory listed as a single `certificates` entry. ' +
      `Making the ${maxCerts} certificates took ${certSeconds.toFixed(1)} s (not timed below).`,
    '',
    table(
      [
        'CAs',
        'Tenants',
        'Output files, MB',
        'Runs',
        '`node scripts/run-app.cjs` s',
        'RSS MiB',
        '`npx cdk8s synth` s',
        'RSS MiB, largest / tree',
      ],
      grid.map((c) => [
        String(c.n),
        String(c.m),
        `${c.output.files}, ${(c.output.bytes / 1e6).toFixed(1)}`,
        String(c.runs),
        timing(c.direct),
        rss(c.direct),
        timing(c.cli),
        rssPair(c.cli),
      ]),
    ),
  );

  // Growth: slope of ln(time) against ln(N×M) over the grid.
  const smallest = grid.reduce((a, b) => (a.n * a.m <= b.n * b.m ? a : b));
  const fits = (['direct', 'cli'] as const).map((entry) => {
    const points = grid.map((c) => ({ x: c.n * c.m, y: c[entry].median }));
    const t0 = smallest[entry].median;
    // The smallest case itself, and any case no slower than it (noise), have nothing left to fit.
    const subtracted = grid
      .filter((c) => c !== smallest)
      .map((c) => ({ x: c.n * c.m, y: c[entry].median - t0 }))
      .filter((p) => p.y > 0);
    return {
      entry,
      raw: logLogSlope(points),
      marginal: logLogSlope(subtracted),
      fitted: subtracted.length,
      t0,
    };
  });
  const slope = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(2));
  lines.push(
    '',
    '### Growth of time with certificates × tenants',
    '',
    'Least-squares slope of ln(median time) against ln(N×M) over the nine cases (1 = linear). *Raw* fits ' +
      'the whole process time, which a fixed start-up (Node, module loading, the CLI) dominates in the small ' +
      'cases, so it understates how the work grows. *Start-up subtracted* fits the time minus that of the ' +
      `smallest case (${smallest.n}×${smallest.m}, which is then left out, as is any case no slower than ` +
      'it): the growth of the work itself. ' +
      'The output (values files carrying every CA for every tenant) grows as N×M; other parts grow with N ' +
      'alone (reading and checking the certificates) or M alone (the constructs of each tenant), so over ' +
      'this grid a linear synthesis fits below 1, and the subtracted fit is noisy where the differences are ' +
      'a few hundredths of a second.',
    '',
    table(
      [
        'Entry point',
        'Raw (all 9 cases)',
        'Start-up subtracted',
        'Cases in that fit',
        'Start-up subtracted, s',
      ],
      fits.map((f) => [
        f.entry === 'direct' ? '`node scripts/run-app.cjs`' : '`npx cdk8s synth`',
        slope(f.raw),
        slope(f.marginal),
        String(f.fitted),
        seconds(f.t0),
      ]),
    ),
    '',
    '### CA ConfigMaps: ours against `kubectl kustomize`',
    '',
    'The same ConfigMaps (one per CA and tenant: name, namespace, key `<alias>.crt`, labels, annotations; ' +
      'the last column compares them) from a kustomization with one `configMapGenerator` per certificate and ' +
      'tenant, against `node scripts/run-app.cjs` on the same N×M with `caConfigMaps: project` (which also ' +
      'writes the values files). kustomize slows down faster than linearly with the number of generators ' +
      `(10,000 took over five minutes on this machine), so the comparison stops at ${KUSTOMIZE_MAX_CONFIGMAPS} ConfigMaps.`,
    '',
    table(
      [
        'CAs',
        'Tenants',
        'Runs',
        '`kubectl kustomize` s',
        'ours s',
        'ours ÷ kustomize',
        'RSS MiB kustomize / ours',
        'Same ConfigMaps',
      ],
      kustomizeCases.map((c) => [
        String(c.n),
        String(c.m),
        String(c.runs),
        timing(c.kustomize),
        timing(c.ours),
        (c.ours.median / c.kustomize.median).toFixed(2),
        `${rss(c.kustomize)} / ${rss(c.ours)}`,
        c.same,
      ]),
    ),
  );

  // Targets.
  const biggest = grid.reduce((a, b) => (a.n * a.m >= b.n * b.m ? a : b));
  const cliRatio = defaultCli.median / baseline.median;
  const peak = (m: Measurement) => (gnuTime ? (m.largestRssMb ?? m.treeRssMb) : m.treeRssMb);
  const directFit = fits[0];
  const ratios = kustomizeCases.map((c) => ({ c, ratio: c.ours.median / c.kustomize.median }));
  const worst = ratios.reduce((a, b) => (a.ratio >= b.ratio ? a : b));
  const best = ratios.reduce((a, b) => (a.ratio <= b.ratio ? a : b));
  const big = `${biggest.n} CAs × ${biggest.m} tenants`;
  /** 400 MB in MiB, the unit of the tables. */
  const rssLimit = 400e6 / 2 ** 20;
  lines.push(
    '',
    '### Targets',
    '',
    table(
      ['Target', 'Measured', 'Result'],
      [
        [
          'Default under `npx cdk8s synth`: at most 0.5× the ts-node template',
          `${seconds(defaultCli.median)} s ÷ ${seconds(baseline.median)} s = ${cliRatio.toFixed(2)}×`,
          verdict(cliRatio <= 0.5),
        ],
        [
          '`npm run synth` (`node scripts/run-app.cjs`) of the default: under 0.5 s',
          `${seconds(defaultDirect.median)} s`,
          verdict(defaultDirect.median < 0.5),
        ],
        [
          `${big}, \`node scripts/run-app.cjs\`: under 5 s`,
          `${seconds(biggest.direct.median)} s`,
          verdict(biggest.direct.median < 5),
        ],
        [
          `${big}, \`node scripts/run-app.cjs\`: under 400 MB (381 MiB) peak RSS`,
          `${megabytes(peak(biggest.direct))} MiB`,
          verdict(peak(biggest.direct) < rssLimit),
        ],
        [
          `${big}, \`npx cdk8s synth\`: under 5 s`,
          `${seconds(biggest.cli.median)} s`,
          verdict(biggest.cli.median < 5),
        ],
        [
          `${big}, \`npx cdk8s synth\`: under 400 MB (381 MiB) peak RSS (largest process; tree)`,
          `${megabytes(biggest.cli.largestRssMb)} MiB; tree ${megabytes(biggest.cli.treeRssMb)} MiB`,
          `${verdict(peak(biggest.cli) < rssLimit)}; tree ${verdict(biggest.cli.treeRssMb < rssLimit)}`,
        ],
        [
          'Growth exponent at most 1.1 (`node scripts/run-app.cjs`, start-up subtracted; raw)',
          `${slope(directFit.marginal)}; raw ${slope(directFit.raw)}`,
          `${verdict((directFit.marginal ?? Number.POSITIVE_INFINITY) <= 1.1)}; raw ${verdict((directFit.raw ?? Number.POSITIVE_INFINITY) <= 1.1)}`,
        ],
        [
          'CA ConfigMaps within 2× of kustomize (every case)',
          `${worst.ratio.toFixed(2)}× at ${worst.c.n}×${worst.c.m} (worst) to ${best.ratio.toFixed(2)}× at ${best.c.n}×${best.c.m}`,
          verdict(worst.ratio <= 2),
        ],
      ],
    ),
    '',
    `Benchmark run time: ${elapsed().trim()}.`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`bench: ${message}\n`);
  process.exitCode = 1;
});
