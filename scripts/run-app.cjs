#!/usr/bin/env node
// The cdk8s app's entry point (cdk8s.yaml `app`, `npm run synth`): runs main.ts as JavaScript
// compiled from the current sources. tsx would compile on every start and its loader alone costs
// about 0.25 s; this compiles once per distinct source tree, keyed by a hash of every source file's
// content, so it can never run stale code: any change gives a new key and a fresh compile. Each
// file is read once, and the build is made from exactly the bytes that were hashed.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const SOURCES = ['main.ts', 'lib', 'imports'];
const HOUR = 3_600_000;

/** Every .ts file of the app, sorted, with its content. */
function readSources() {
  const files = [];
  const walk = (relative) => {
    const absolute = path.join(root, relative);
    if (!fs.existsSync(absolute)) return;
    if (fs.statSync(absolute).isDirectory()) {
      for (const name of fs.readdirSync(absolute).sort()) walk(path.join(relative, name));
    } else if (relative.endsWith('.ts') && !relative.endsWith('.d.ts')) {
      files.push({ relative, content: fs.readFileSync(absolute) });
    }
  };
  for (const source of SOURCES) walk(source);
  return files;
}

/** esbuild's version, without loading esbuild itself (a cached build does not need it). */
function esbuildVersion() {
  try {
    return require('esbuild/package.json').version;
  } catch {
    throw new Error('esbuild is not installed; run `npm ci` (it is a devDependency, needed to run the app)');
  }
}

function buildKey(files) {
  const hash = crypto.createHash('sha256');
  // The compiler's version and settings are part of what the output depends on.
  hash.update(`esbuild ${esbuildVersion()} node20 cjs\0`);
  for (const { relative, content } of files) {
    hash.update(`${relative}\0`);
    hash.update(content);
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

/** Transpiles each file on its own (the project sets isolatedModules, so that is exact). */
function compile(files, target) {
  const esbuild = require('esbuild');
  const staging = fs.mkdtempSync(`${target}.tmp-`);
  try {
    for (const { relative, content } of files) {
      const { code } = esbuild.transformSync(content.toString('utf8'), {
        loader: 'ts',
        format: 'cjs',
        target: 'node20',
        sourcefile: path.join(root, relative),
        sourcemap: 'inline',
      });
      const out = path.join(staging, relative.replace(/\.ts$/, '.js'));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, code);
    }
    // The compiled files resolve packages from the repository's node_modules, as the sources do.
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(staging, 'node_modules'), 'dir');
    try {
      fs.renameSync(staging, target);
    } catch (error) {
      // Another run compiled the same sources at the same time: use its copy.
      if (!fs.existsSync(path.join(target, 'main.js'))) throw error;
      fs.rmSync(staging, { recursive: true, force: true });
    }
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Drops builds not used for an hour (older source trees, staging folders of killed runs). Not the
 * others: another run, or a copy of this repository sharing node_modules, may be using them now.
 * Best effort: another run may be pruning the same entries.
 */
function prune(cacheRoot) {
  for (const name of fs.readdirSync(cacheRoot)) {
    const entry = path.join(cacheRoot, name);
    try {
      if (Date.now() - fs.statSync(entry).mtimeMs > HOUR) fs.rmSync(entry, { recursive: true, force: true });
    } catch {
      // gone already
    }
  }
}

/** node_modules/.cache when it is writable (the usual place), else the system's temp folder. */
function cacheRoots() {
  const id = crypto.createHash('sha256').update(root).digest('hex').slice(0, 12);
  return [
    path.join(root, 'node_modules', '.cache', 'clearml-trust'),
    path.join(os.tmpdir(), `clearml-trust-${id}`),
  ];
}

function buildFor(files) {
  const key = buildKey(files);
  let lastError;
  for (const cacheRoot of cacheRoots()) {
    const build = path.join(cacheRoot, key);
    try {
      if (fs.existsSync(path.join(build, 'main.js'))) {
        try {
          const now = new Date();
          fs.utimesSync(build, now, now); // in use: keep it from being pruned
        } catch {
          // a read-only cache still serves its builds
        }
        return build;
      }
      fs.mkdirSync(cacheRoot, { recursive: true });
      prune(cacheRoot);
      compile(files, build);
      return build;
    } catch (error) {
      lastError = error; // not writable here: try the next place
    }
  }
  throw lastError;
}

try {
  const build = buildFor(readSources());
  // Stack traces point at the TypeScript sources, not at the build.
  process.setSourceMapsEnabled(true);
  require(path.join(build, 'main.js'));
} catch (error) {
  process.stderr.write(`error: cannot start the app: ${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
}
