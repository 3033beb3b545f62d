// Writes the output folder all at once: files go to a fresh sibling folder, which then replaces the
// old one by rename. A failure before the swap leaves the previous output as it was.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** Relative path (with `/`) → file content. */
export type OutputFiles = ReadonlyMap<string, string>;

export function writeOutputAtomically(outDir: string, files: OutputFiles): void {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.new-`));
  try {
    for (const [relative, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const file = path.join(staging, ...relative.split('/'));
      if (!file.startsWith(staging + path.sep))
        throw new Error(`refusing to write outside the output folder: ${relative}`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
    // mkdtemp makes the folder 0700; give it a normal folder's mode like the one it replaces.
    fs.chmodSync(staging, 0o755);
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
  fs.renameSync(target, retired);
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    fs.renameSync(retired, target);
    throw error;
  }
  fs.rmSync(retired, { recursive: true, force: true });
}
