// The fast YAML writer must write exactly what the yaml library writes, or decline (the caller then
// uses yaml itself). Random documents of awkward scalars, seeded so a failure can be replayed.

import { Yaml } from 'cdk8s';
import { stringify } from 'yaml';
import { fastYamlStringify, yamlFlavour } from '../../lib/yaml/fast-stringify';
import { randomValue, seededRandom, useRandom } from '../support/random-documents';

const FLAVOURS = [
  {
    name: 'values files (yaml stringify, YAML 1.1 for Helm)',
    flavour: yamlFlavour({ version: '1.1', keepUndefined: false, aliasDuplicateObjects: false }),
    reference: (v: unknown) =>
      stringify(v, {
        version: '1.1',
        lineWidth: 0,
        blockQuote: 'literal',
        aliasDuplicateObjects: false,
      }) as string,
  },
  {
    name: 'YAML 1.2 (yaml stringify)',
    flavour: yamlFlavour({ version: '1.2', keepUndefined: false, aliasDuplicateObjects: false }),
    reference: (v: unknown) =>
      stringify(v, { lineWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false }) as string,
  },
  {
    name: 'manifests (cdk8s Yaml.stringify)',
    flavour: yamlFlavour({ version: '1.1', keepUndefined: true, aliasDuplicateObjects: true }),
    reference: (v: unknown) => Yaml.stringify(v),
  },
];

test.each(FLAVOURS)('$name: identical or declined on 5,000 random documents', ({ flavour, reference }) => {
  useRandom(seededRandom(20261204));
  let fast = 0;
  for (let i = 0; i < 5000; i++) {
    const root = i % 2 === 0 ? { root: randomValue(0, []) } : randomValue(0, []);
    const actual = fastYamlStringify(root, flavour);
    if (actual === undefined) continue;
    fast++;
    expect({ root, text: actual }).toEqual({ root, text: reference(root) });
  }
  // The comparison means something only if the fast path is taken often.
  expect(fast).toBeGreaterThan(1000);
});

test('words YAML 1.1 reads as booleans are quoted in the values flavour only', () => {
  const values = yamlFlavour({ version: '1.1', keepUndefined: false, aliasDuplicateObjects: false });
  const v12 = yamlFlavour({ version: '1.2', keepUndefined: false, aliasDuplicateObjects: false });
  expect(fastYamlStringify({ alias: 'on' }, values)).toBe('alias: "on"\n');
  expect(fastYamlStringify({ alias: 'on' }, v12)).toBe('alias: on\n');
});
