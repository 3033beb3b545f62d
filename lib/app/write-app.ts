import type { App } from 'cdk8s';
import { type OutputFiles, writeOutputAtomically } from '../output/write-output';
import { renderApp } from './render';

/**
 * For code users: `app.synth()` writes only the Kubernetes manifests; this writes the values files
 * too, replacing `outDir` as a whole (a failure leaves it as it was).
 */
export function writeApp(app: App, outDir: string): OutputFiles {
  const files = renderApp(app);
  writeOutputAtomically(outDir, files);
  return files;
}
