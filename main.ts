// The cdk8s app: reads the trust config and writes the Helm values overrides and manifests.
// `npx cdk8s synth` runs it with CDK8S_OUTDIR set; `npm run synth` runs it directly.

import { synthesizeTo } from './lib/app/synthesize';
import { formatWarning } from './lib/certificates';
import { DEFAULT_CONFIG_FILE } from './lib/config/defaults';

function main(): number {
  const configFile = process.env.CLEARML_TRUST_CONFIG || DEFAULT_CONFIG_FILE;
  const outDir = process.env.CDK8S_OUTDIR || 'dist';
  try {
    const { files, warnings } = synthesizeTo(outDir, { configFile });
    for (const warning of warnings) process.stderr.write(`warning: ${formatWarning(warning)}\n`);
    process.stdout.write(
      `clearml-trust: ${configFile} -> ${outDir}/ (${files.size} file${files.size === 1 ? '' : 's'})\n`,
    );
    for (const file of [...files.keys()].sort()) process.stdout.write(`  ${outDir}/${file}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Under `cdk8s synth` the CLI has already removed the output folder; this run wrote nothing.
    process.stderr.write(`error: ${message}\nNothing was written by this run.\n`);
    if (process.env.CLEARML_TRUST_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

process.exitCode = main();
