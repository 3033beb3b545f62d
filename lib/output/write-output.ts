// Writes the output folder all at once: files go to a fresh sibling folder, which then replaces the
// old one by rename. A failure before the swap leaves the previous output as it was.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** Relative path (with `/`) → file content. */
export type OutputFiles = ReadonlyMap<string, string>;

/**
 * Marks a folder as ours. The whole folder is replaced on every run, so only a folder that carries
 * this file (or an empty one) may be replaced: a mistyped CDK8S_OUTDIR must not delete a project.
 */
export const OUTPUT_MARKER = '.clearml-trust-output';
const MARKER_TEXT = 'Written by clearml-trust. This folder is replaced as a whole on every synthesis.\n';

/** Why `target` must not be replaced, or undefined when it may be. */
function replaceProblem(target: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch {
    return undefined; // nothing there yet
  }
  // Renaming a link would replace the link, not the folder it points to: name the folder itself.
  if (stat.isSymbolicLink())
    return `it is a symbolic link; give the folder it points to (${fs.realpathSync(target)})`;
  if (!stat.isDirectory()) return 'it exists and is not a folder';
  const cwd = process.cwd();
  if (cwd === target || cwd.startsWith(target + path.sep)) return 'it is the current folder or holds it';
  const entries = fs.readdirSync(target);
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
    return `it is not empty and has no ${OUTPUT_MARKER} marker, so clearml-trust did not write it; empty it or choose another folder`;
  }
  return undefined;
}

export function writeOutputAtomically(outDir: string, files: OutputFiles): void {
  const target = path.resolve(outDir);
  const problem = replaceProblem(target);
  if (problem) throw new Error(`refusing to replace the output folder ${outDir}: ${problem}`);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.new-`));
  try {
    // One file's content at a time: a renderer's map may produce each on access (see renderApp).
    for (const relative of [...files.keys()].sort((a, b) => (a < b ? -1 : 1))) {
      const file = path.join(staging, ...relative.split('/'));
      if (!file.startsWith(staging + path.sep))
        throw new Error(`refusing to write outside the output folder: ${relative}`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, files.get(relative) ?? '');
    }
    fs.writeFileSync(path.join(staging, OUTPUT_MARKER), MARKER_TEXT);
    // mkdtemp makes the folder 0700; give it the mode a new folder gets under this umask.
    fs.chmodSync(staging, 0o777 & ~process.umask());
    swapInto(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

function swapInto(staging: string, target: string): void {
  if (!fs.existsSync(target)) {
    fs.renameSync(staging, target);
    return;
  }
  const retired = `${staging}.old`;
  try {
    fs.renameSync(target, retired);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EBUSY') {
      throw new Error(
        `cannot replace ${target}: it is a mount point (a volume?); write to a folder inside it instead`,
      );
    }
    throw error;
  }
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    fs.renameSync(retired, target);
    throw error;
  }
  fs.rmSync(retired, { recursive: true, force: true });
}
