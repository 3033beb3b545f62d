// Runs a command as a whole process and measures it: wall time, the largest process's peak RSS (GNU time's
// %M) and the peak of the process tree's summed RSS (sampled from /proc).

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface BenchCommand {
  /** Shown in progress lines and error messages. */
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

export interface RunResult {
  readonly seconds: number;
  /** GNU time's %M: the peak RSS of the largest single process in the tree (KiB); undefined without GNU time. */
  readonly largestRssKb?: number;
  /** The highest sum of VmRSS over the live processes of the tree, sampled every SAMPLE_MS (KiB). */
  readonly treeRssKb: number;
}

export interface Measurement {
  readonly runs: readonly RunResult[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Highest over the runs (MiB). */
  readonly largestRssMb?: number;
  readonly treeRssMb: number;
}

export const SAMPLE_MS = 20;
const GNU_TIME = '/usr/bin/time';

/** True when /usr/bin/time is GNU time (it takes -f and -o). */
export function hasGnuTime(scratch: string): boolean {
  if (!fs.existsSync(GNU_TIME)) return false;
  const out = path.join(scratch, 'gnu-time-check.txt');
  const result = spawnSync(GNU_TIME, ['-f', '%e %M', '-o', out, 'true'], { stdio: 'ignore' });
  const ok =
    result.status === 0 && fs.existsSync(out) && /^\d+(\.\d+)? \d+\s*$/.test(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out, { force: true });
  return ok;
}

export class Runner {
  private readonly childrenFiles: boolean;

  constructor(
    /** Folder for each run's stdout, stderr and GNU time output. */
    private readonly logDir: string,
    private readonly gnuTime: boolean,
  ) {
    // /proc/<pid>/task/<tid>/children needs CONFIG_PROC_CHILDREN; without it, scan /proc for parents.
    this.childrenFiles = fs.existsSync(`/proc/${process.pid}/task/${process.pid}/children`);
  }

  /** `warmups` unrecorded runs, then `runs` recorded ones; `afterEach` runs after every run (untimed). */
  async measure(
    command: BenchCommand,
    options: {
      readonly warmups: number;
      readonly runs: number;
      readonly afterEach?: (last: boolean) => void;
    },
    progress: (message: string) => void,
  ): Promise<Measurement> {
    for (let i = 0; i < options.warmups; i++) {
      await this.runOnce(command);
      options.afterEach?.(false);
    }
    const runs: RunResult[] = [];
    for (let i = 0; i < options.runs; i++) {
      const run = await this.runOnce(command);
      options.afterEach?.(i === options.runs - 1);
      runs.push(run);
      progress(`${command.label}: run ${i + 1}/${options.runs} ${run.seconds.toFixed(2)} s`);
    }
    return summarize(runs);
  }

  async runOnce(command: BenchCommand): Promise<RunResult> {
    const stdoutFile = path.join(this.logDir, 'stdout.txt');
    const stderrFile = path.join(this.logDir, 'stderr.txt');
    const timeFile = path.join(this.logDir, 'time.txt');
    fs.rmSync(timeFile, { force: true });
    const [file, args] = this.gnuTime
      ? [GNU_TIME, ['-f', '%e %M', '-o', timeFile, command.command, ...command.args]]
      : [command.command, [...command.args]];
    const stdout = fs.openSync(stdoutFile, 'w');
    const stderr = fs.openSync(stderrFile, 'w');
    const started = performance.now();
    const child = spawn(file, args, {
      cwd: command.cwd,
      env: command.env,
      stdio: ['ignore', stdout, stderr],
    });
    fs.closeSync(stdout);
    fs.closeSync(stderr);
    let treeRssKb = 0;
    const sample = () => {
      if (child.pid !== undefined) treeRssKb = Math.max(treeRssKb, this.treeRss(child.pid));
    };
    sample();
    const sampler = setInterval(sample, SAMPLE_MS);
    const exit = await new Promise<{ code: number | null; error?: Error }>((resolve) => {
      child.once('error', (error) => resolve({ code: null, error }));
      child.once('exit', (code) => resolve({ code }));
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (exit.error || exit.code !== 0) {
      const tail = fs.readFileSync(stderrFile, 'utf8').trim().split('\n').slice(-15).join('\n');
      throw new Error(
        `${command.label} failed (${exit.error ? exit.error.message : `exit ${exit.code}`}): ` +
          `${command.command} ${command.args.join(' ')} in ${command.cwd}\n${tail}`,
      );
    }
    return { seconds, largestRssKb: this.gnuTime ? readGnuTimeRss(timeFile) : undefined, treeRssKb };
  }

  /** Sum of VmRSS (KiB) over `root` and its live descendants. */
  private treeRss(root: number): number {
    let total = 0;
    const pending = [root];
    const parents = this.childrenFiles ? undefined : parentMap();
    while (pending.length > 0) {
      const pid = pending.pop() as number;
      const rss = vmRssKb(pid);
      if (rss === undefined) continue;
      total += rss;
      pending.push(...(parents ? (parents.get(pid) ?? []) : childrenOf(pid)));
    }
    return total;
  }
}

function vmRssKb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return undefined;
  }
}

/** Children of every thread of `pid` (a child belongs to the thread that forked it). */
function childrenOf(pid: number): number[] {
  try {
    return fs.readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      try {
        const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
        return text === '' ? [] : text.split(/\s+/).map(Number);
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

/** parent pid → child pids, from every /proc/<pid>/stat. */
function parentMap(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields after it are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(ppid, [...(map.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  return map;
}

function readGnuTimeRss(file: string): number | undefined {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  const match = /^(\d+(?:\.\d+)?) (\d+)$/.exec(lines[lines.length - 1] ?? '');
  return match ? Number(match[2]) : undefined;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summarize(runs: readonly RunResult[]): Measurement {
  const seconds = runs.map((r) => r.seconds);
  const largest = runs.map((r) => r.largestRssKb).filter((kb): kb is number => kb !== undefined);
  return {
    runs,
    median: median(seconds),
    min: Math.min(...seconds),
    max: Math.max(...seconds),
    largestRssMb: largest.length === runs.length ? Math.max(...largest) / 1024 : undefined,
    treeRssMb: Math.max(...runs.map((r) => r.treeRssKb)) / 1024,
  };
}
