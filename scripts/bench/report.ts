// Markdown tables and the growth fit.

import type { Measurement } from './measure';

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function seconds(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

export function megabytes(value: number | undefined): string {
  return value === undefined ? 'n/a' : value.toFixed(0);
}

/** "0.41 (0.40–0.44)": median, then min–max. */
export function timing(m: Measurement): string {
  return `${seconds(m.median)} (${seconds(m.min)}–${seconds(m.max)})`;
}

export function verdict(pass: boolean): string {
  return pass ? '**PASS**' : '**MISS**';
}

/** Least-squares slope of ln(y) against ln(x); undefined with fewer than two usable points. */
export function logLogSlope(
  points: readonly { readonly x: number; readonly y: number }[],
): number | undefined {
  const usable = points.filter((p) => p.x > 0 && p.y > 0);
  if (usable.length < 2) return undefined;
  const xs = usable.map((p) => Math.log(p.x));
  const ys = usable.map((p) => Math.log(p.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxx === 0 ? undefined : sxy / sxx;
}
