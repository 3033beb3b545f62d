import * as fs from 'node:fs';
import * as path from 'node:path';

/** Writes `content` to `name` under `dir` (sub-folders created) and returns the file's path. */
export function writeUnder(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}
