export type PreviewKind = 'image' | 'audio' | 'video' | 'file';

/** How a decrypted file is shown: inline for pictures and media, otherwise as a saved copy. */
export function previewKind(type: string): PreviewKind {
  const major = type.split('/')[0]?.toLowerCase();
  if (major === 'image' || major === 'audio' || major === 'video') return major;
  return 'file';
}

/** Short enough to read at a glance, with both ends so two fingerprints can be compared. */
export function shortFingerprint(sha256: string): string {
  return sha256.length > 20 ? `${sha256.slice(0, 8)}…${sha256.slice(-8)}` : sha256;
}
