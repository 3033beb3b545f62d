import { helmFullname } from '../../lib/helm/fullname';
import { dnsLabelProblem, releaseNameProblem } from '../../lib/helm/names';

describe('helmFullname (the helm create scaffold rule)', () => {
  test('release-chart when the release does not contain the chart name (the ClearML seed)', () => {
    expect(helmFullname({ releaseName: 'clearml-agent', chartName: 'clearml-enterprise-agent' })).toBe(
      'clearml-agent-clearml-enterprise-agent',
    );
  });

  test('the release alone when it contains the chart name', () => {
    expect(helmFullname({ releaseName: 'clearml-enterprise', chartName: 'clearml-enterprise' })).toBe(
      'clearml-enterprise',
    );
    expect(
      helmFullname({ releaseName: 'prod-clearml-enterprise-agent-x', chartName: 'clearml-enterprise-agent' }),
    ).toBe('prod-clearml-enterprise-agent-x');
  });

  test('nameOverride replaces the chart name, including in the contains check', () => {
    expect(
      helmFullname({ releaseName: 'acme', chartName: 'clearml-enterprise-agent', nameOverride: 'agent' }),
    ).toBe('acme-agent');
    expect(
      helmFullname({
        releaseName: 'acme-agent',
        chartName: 'clearml-enterprise-agent',
        nameOverride: 'agent',
      }),
    ).toBe('acme-agent');
  });

  test('fullnameOverride wins over everything, cut and trimmed too', () => {
    expect(
      helmFullname({ releaseName: 'r', chartName: 'c', nameOverride: 'n', fullnameOverride: 'mine' }),
    ).toBe('mine');
    expect(helmFullname({ releaseName: 'r', chartName: 'c', fullnameOverride: `${'a'.repeat(62)}-b` })).toBe(
      'a'.repeat(62),
    );
  });

  test('an empty override counts as unset, as in Go templates', () => {
    expect(helmFullname({ releaseName: 'r', chartName: 'c', fullnameOverride: '', nameOverride: '' })).toBe(
      'r-c',
    );
  });

  test('cut to 63 characters; a dash left at the end is trimmed (once, like sprig trimSuffix)', () => {
    const release = 'a'.repeat(38); // 38 + 1 + 24 = 63: fits exactly
    expect(helmFullname({ releaseName: release, chartName: 'clearml-enterprise-agent' })).toHaveLength(63);
    const longer = `${'b'.repeat(41)}-x`; // 43 + 1 + 18: the cut lands on the dash after "clearml-enterprise"
    const fullname = helmFullname({ releaseName: longer, chartName: 'clearml-enterprise-agent' });
    expect(`${longer}-clearml-enterprise-agent`.slice(0, 63)).toMatch(/-$/);
    expect(fullname).toBe(`${longer}-clearml-enterprise`);
    expect(fullname).toHaveLength(62);
    expect(fullname).not.toMatch(/-$/);
    expect(helmFullname({ releaseName: 'r', chartName: 'c', fullnameOverride: `${'d'.repeat(61)}--` })).toBe(
      `${'d'.repeat(61)}-`,
    );
  });
});

describe('name rules', () => {
  test('release names: DNS label of at most 53 characters', () => {
    expect(releaseNameProblem('clearml-agent')).toBeUndefined();
    expect(releaseNameProblem('a'.repeat(53))).toBeUndefined();
    expect(releaseNameProblem('a'.repeat(54))).toMatch(/54 characters long; at most 53/);
    expect(releaseNameProblem('ClearML')).toMatch(/lower-case DNS label/);
    expect(releaseNameProblem('-x')).toMatch(/lower-case DNS label/);
  });

  test('DNS labels: at most 63 characters', () => {
    expect(dnsLabelProblem('a'.repeat(63))).toBeUndefined();
    expect(dnsLabelProblem('a'.repeat(64))).toMatch(/at most 63/);
    expect(dnsLabelProblem('a.b')).toMatch(/DNS label/);
    expect(dnsLabelProblem('')).toMatch(/empty/);
  });
});
