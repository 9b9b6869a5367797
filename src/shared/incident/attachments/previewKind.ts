import type { NotShownReason } from '../../../core/files';

/** Why nothing is shown inline, as a key of the `attachments` namespace. */
export function notShownKey(reason: NotShownReason): 'list.notPicture' | 'list.notShown' | 'list.pictureTooLarge' | 'list.cannotPreview' {
  switch (reason) {
    case 'not-picture':
      return 'list.notPicture';
    case 'not-shown':
      return 'list.notShown';
    case 'picture-too-large':
      return 'list.pictureTooLarge';
    case 'picture-unreadable':
      return 'list.cannotPreview';
  }
}

/** Short enough to read at a glance, with both ends so two fingerprints can be compared. */
export function shortFingerprint(sha256: string): string {
  return sha256.length > 20 ? `${sha256.slice(0, 8)}…${sha256.slice(-8)}` : sha256;
}
