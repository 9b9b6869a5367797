/**
 * Object URLs of decrypted files, revoked all at once when the vault locks so that no
 * decrypted file stays reachable.
 */
const urls = new Set<string>();

export function createTrackedObjectUrl(blob: Blob): string {
  const url = URL.createObjectURL(blob);
  urls.add(url);
  return url;
}

export function revokeTrackedObjectUrl(url: string): void {
  if (urls.delete(url)) URL.revokeObjectURL(url);
}

export function revokeAllObjectUrls(): void {
  for (const url of urls) URL.revokeObjectURL(url);
  urls.clear();
}

export function trackedObjectUrlCount(): number {
  return urls.size;
}
