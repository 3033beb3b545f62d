// Turns the inputs into named byte contents: files, directory entries and inline PEM.
// Everything is read before anything is parsed, so a private key in any input can be refused first.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { CertificateError } from './errors';
import type { CertificateInput } from './types';

/** The certificate file extensions picked up in a directory (matched case-insensitively). */
export const DIRECTORY_EXTENSIONS: readonly string[] = ['.pem', '.crt', '.cer', '.der'];

export interface SourceContent {
  /** As reported in results and messages: the path as given, `<dir>/<name>`, or `inline:<label>`. */
  readonly file: string;
  readonly content: Buffer;
  /** Inline PEM is text: it is never tried as DER. */
  readonly inline: boolean;
  /** The alias the user gave for this input, if any. */
  readonly alias?: string;
  /** What an alias is derived from when none is given: the file name or the inline label. */
  readonly aliasFrom: { readonly name: string; readonly isFileName: boolean };
}

/** Sort key comparison in Unicode code-point order (UTF-16 `<` differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === undefined ? String(error) : code;
}

function notFound(given: string, resolved: string, baseDir: string): CertificateError {
  return new CertificateError(
    `${given}: does not exist (resolved to ${resolved}); check the path — relative paths are resolved ` +
      `against ${baseDir}`,
    given,
  );
}

function readFile(file: string, absolute: string): Buffer {
  try {
    return fs.readFileSync(absolute);
  } catch (error) {
    throw new CertificateError(
      `${file}: cannot be read (${describeFsError(error)}, resolved to ${absolute}); check that it is a readable file`,
      file,
    );
  }
}

/** Non-recursive, certificate extensions only, code-point order so every machine lists the same. */
function readDirectory(given: string, absolute: string, alias: string | undefined): SourceContent[] {
  if (alias !== undefined) {
    throw new CertificateError(
      `${given}: is a directory, so alias "${alias}" cannot be used — there each certificate's alias ` +
        'comes from its own file name; remove alias, or list the files as separate inputs',
      given,
    );
  }
  const names = fs
    .readdirSync(absolute)
    .filter((name) => DIRECTORY_EXTENSIONS.includes(path.extname(name).toLowerCase()))
    .filter((name) => {
      // statSync follows symbolic links; a dangling one is kept so that reading it reports it.
      try {
        return !fs.statSync(path.join(absolute, name)).isDirectory();
      } catch {
        return true;
      }
    })
    .sort(compareCodePoints);
  if (names.length === 0) {
    throw new CertificateError(
      `${given}: directory contains no certificate file (${DIRECTORY_EXTENSIONS.map((e) => `*${e}`).join(', ')}; ` +
        'sub-directories are not searched); put the CA certificates there, or give a file',
      given,
    );
  }
  const prefix = given.length > 1 ? given.replace(/[/\\]+$/, '') : given;
  return names.map((name) => {
    const file = prefix.endsWith('/') ? `${prefix}${name}` : `${prefix}/${name}`;
    return {
      file,
      content: readFile(file, path.join(absolute, name)),
      inline: false,
      aliasFrom: { name, isFileName: true },
    };
  });
}

function readPath(given: string, alias: string | undefined, baseDir: string): SourceContent[] {
  const absolute = path.resolve(baseDir, given);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch (error) {
    const code = describeFsError(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw notFound(given, absolute, baseDir);
    throw new CertificateError(`${given}: cannot be accessed (${code}, resolved to ${absolute})`, given);
  }
  if (stat.isDirectory()) return readDirectory(given, absolute, alias);
  if (!stat.isFile()) {
    throw new CertificateError(
      `${given}: is neither a file nor a directory (resolved to ${absolute}); give a certificate file or a directory`,
      given,
    );
  }
  return [
    {
      file: given,
      content: readFile(given, absolute),
      inline: false,
      ...(alias === undefined ? {} : { alias }),
      aliasFrom: { name: path.basename(given), isFileName: true },
    },
  ];
}

/** Reads every input, in order. `baseDir` must be absolute. */
export function readSources(inputs: readonly CertificateInput[], baseDir: string): SourceContent[] {
  return inputs.flatMap((input, position) => {
    const where = `inputs[${position}]`;
    const hasPath = input.path !== undefined;
    const hasPem = input.pem !== undefined;
    if (hasPath === hasPem) {
      throw new CertificateError(
        `${where}: give exactly one of "path" or "pem" (got ${hasPath ? 'both' : 'neither'})`,
        where,
      );
    }
    if (input.path !== undefined) {
      if (input.path.trim() === '')
        throw new CertificateError(`${where}: "path" is empty; give a file or directory`, where);
      return readPath(input.path, input.alias, baseDir);
    }
    const label = input.label ?? `inline-${position + 1}`;
    return [
      {
        file: `inline:${label}`,
        content: Buffer.from(input.pem ?? '', 'utf8'),
        inline: true,
        ...(input.alias === undefined ? {} : { alias: input.alias }),
        aliasFrom: { name: label, isFileName: false },
      },
    ];
  });
}
