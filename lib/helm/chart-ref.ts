/** `repo/chart`, `oci://host/path/chart` and `./path/chart` all end in the chart's name. */
export function chartNameOf(chart: string): string {
  return chart.replace(/\/+$/, '').split('/').pop() ?? chart;
}

/**
 * Why a chart reference or version is unusable, or undefined. They are printed into the values file's
 * header as a command: white space or control characters would break it (or inject YAML lines).
 */
export function chartTokenProblem(value: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return 'must not contain white space or control characters';
  return undefined;
}
