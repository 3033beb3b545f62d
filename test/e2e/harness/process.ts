// Async child processes. The TLS servers live in the Jest process, so clients must never be run with
// a synchronous spawn: that would block the event loop the servers answer on.

import { spawn } from 'node:child_process';

export interface ProcessResult {
  /** Exit code; null when killed by a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface ProcessOptions {
  /** The complete environment: nothing of this process's environment is passed on. */
  readonly env: Readonly<Record<string, string>>;
  /** @default '/' (a container's default working directory) */
  readonly cwd?: string;
  /** @default 20 s */
  readonly timeoutMs?: number;
}

export function runProcess(
  file: string,
  args: readonly string[],
  options: ProcessOptions,
): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], {
      env: { ...options.env },
      cwd: options.cwd ?? '/',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // Clients such as `openssl s_client` read stdin: give them an immediate end of input.
    child.stdin.end();
    // Killed by its own pid only (the container command is exec'd, so this is the whole run).
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${file}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        ms: Date.now() - started,
      });
    });
  });
}

/** Quotes a word for /bin/sh. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** One line for messages: the command and how it ended, with its output. */
export function describeResult(what: string, result: ProcessResult): string {
  const end = result.signal ? `killed by ${result.signal}` : `exit ${result.code}`;
  const output = `${result.stdout}${result.stderr}`.trim();
  return `${what}: ${end} after ${result.ms} ms${output ? `\n${output}` : ''}`;
}
