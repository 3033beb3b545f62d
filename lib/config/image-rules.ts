// An init image must be pinned: every task pod must run the same trust setup, and `latest` changes
// under you. Shared by the config reader and TaskPodTemplate.

const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /@sha256:[0-9a-f]{64}$/;

export function imageProblem(image: string): string | undefined {
  if (image === '' || /\s/.test(image)) return 'is not an image reference';
  if (DIGEST.test(image)) return undefined;
  const lastPart = image.split('/').pop() ?? image;
  const colon = lastPart.lastIndexOf(':');
  const tag = colon >= 0 ? lastPart.slice(colon + 1) : '';
  if (!TAG.test(tag) || tag === 'latest') {
    return 'must be pinned to a tag (other than latest) or a sha256 digest, so every task pod runs the same image';
  }
  return undefined;
}
