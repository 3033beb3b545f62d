import { loadCertificates } from '../certificates';
import type { CertificateWarning } from '../certificates/types';
import { readTrustConfig } from '../config/read-config';
import { type OutputFiles, writeOutputAtomically } from '../output/write-output';
import { withContext } from './error-context';
import { renderApp } from './render';
import { buildTrustApp, type TrustAppOptions } from './trust-app';

export interface SynthesizeOptions extends TrustAppOptions {
  /** The trust config file. */
  readonly configFile: string;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export interface SynthesisResult {
  readonly files: OutputFiles;
  readonly warnings: readonly CertificateWarning[];
}

/** Config file → rendered files (each produced when read). Throws on any problem; writes nothing. */
export function synthesize(options: SynthesizeOptions): SynthesisResult {
  const config = readTrustConfig(options.configFile);
  const { certificates, warnings } = withContext(`${config.file}: certificates`, () =>
    loadCertificates(config.certificates, {
      policy: config.policy,
      now: options.now,
      baseDir: config.baseDir,
    }),
  );
  const app = buildTrustApp(config, certificates, options);
  return { files: renderApp(app), warnings };
}

/** Synthesizes and replaces `outDir` as a whole; on error `outDir` is left as it was. */
export function synthesizeTo(outDir: string, options: SynthesizeOptions): SynthesisResult {
  const result = synthesize(options);
  writeOutputAtomically(outDir, result.files);
  return result;
}
