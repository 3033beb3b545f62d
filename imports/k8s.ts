// The Kubernetes 1.27 L1 constructs and types, as `cdk8s import k8s` would generate them.
// That command downloads its schema and cannot run here, so we take the copy cdk8s-plus-27 ships.
export { k8s } from 'cdk8s-plus-27';
