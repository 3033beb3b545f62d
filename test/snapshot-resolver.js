// Keeps every snapshot in the top-level __snapshots__/ folder (design card), named after its test file.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const snapshots = path.join(root, '__snapshots__');

module.exports = {
  resolveSnapshotPath: (testPath, ext) =>
    path.join(snapshots, path.relative(path.join(root, 'test'), testPath) + ext),
  resolveTestPath: (snapshotPath, ext) =>
    path.join(root, 'test', path.relative(snapshots, snapshotPath).slice(0, -ext.length)),
  testPathForConsistencyCheck: path.join(root, 'test', 'some', 'example.test.ts'),
};
