#!/usr/bin/env node
// The cdk8s app's entry point (cdk8s.yaml `app`, `npm run synth`): runs main.ts as JavaScript
// compiled from the current sources. tsx would compile on every start and its loader alone costs
// about 0.25 s; this compiles once per distinct source tree, keyed by a hash of every source file's
// content, so it can never run stale code: any change gives a new key and a fresh compile.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const SOURCES = ['main.ts', 'lib', 'imports'];
const cacheRoot = path.join(root, 'node_modules', '.cache', 'clearml-trust');

/** Every .ts file of the app, sorted, as paths relative to the repository root. */
function sourceFiles() {
  const files = [];
  const walk = (relative) => {
    const absolute = path.join(root, relative);
    if (!fs.existsSync(absolute)) return;
    if (fs.statSync(absolute).isDirectory()) {
      for (const name of fs.readdirSync(absolute).sort()) walk(path.join(relative, name));
    } else if (relative.endsWith('.ts') && !relative.endsWith('.d.ts')) {
      files.push(relative);
    }
  };
  for (const source of SOURCES) walk(source);
  return files;
}

function buildKey(files) {
  const hash = crypto.createHash('sha256');
  // The compiler's version and settings are part of what the output depends on.
  hash.update(`esbuild ${require('esbuild/package.json').version} node20 cjs\0`);
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

/** Transpiles each file on its own (the project sets isolatedModules, so that is exact). */
function compile(files, target) {
  const esbuild = require('esbuild');
  const staging = fs.mkdtempSync(`${target}.tmp-`);
  try {
    for (const file of files) {
      const source = fs.readFileSync(path.join(root, file), 'utf8');
      const { code } = esbuild.transformSync(source, {
        loader: 'ts',
        format: 'cjs',
        target: 'node20',
        sourcefile: path.join(root, file),
        sourcemap: 'inline',
      });
      const out = path.join(staging, file.replace(/\.ts$/, '.js'));
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
 */
function prune() {
  for (const name of fs.readdirSync(cacheRoot)) {
    const entry = path.join(cacheRoot, name);
    if (Date.now() - fs.statSync(entry).mtimeMs > 3_600_000)
      fs.rmSync(entry, { recursive: true, force: true });
  }
}

const files = sourceFiles();
const key = buildKey(files);
const build = path.join(cacheRoot, key);
if (fs.existsSync(path.join(build, 'main.js'))) {
  const now = new Date();
  fs.utimesSync(build, now, now); // in use: keep it from being pruned
} else {
  fs.mkdirSync(cacheRoot, { recursive: true });
  prune();
  compile(files, build);
}
require(path.join(build, 'main.js'));
