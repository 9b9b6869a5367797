// The name a saved copy of a file gets. A name comes from whoever made the file, so it may hide
// its real extension behind right-to-left overrides ("photo\u202Egnp.exe"), climb folders
// ("../../x"), or claim a type the content is not ("picture.svg.png").
import { UNKNOWN_EXTENSION } from './sniff';

/** Removed: controls (C0, C1), format characters (bidi controls, zero-width ones, tags), line and paragraph separators, lone surrogates. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/** Replaced by "_": path separators (and their look-alikes) and characters Windows reserves. */
const RESERVED = /[/\\:*?"<>|\u2044\u2215\u2216\u29f5\u29f8\u29f9\ufe68\uff0f\uff3c]/g;

/** Any other space (no-break, ideographic, …) becomes a plain one. */
const SPACES = /\s+/gu;

/** Device names Windows will not use as file names, whatever the extension. */
const DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Extensions kept as written when they name the same format as the content (.jpeg for a JPEG). */
const SAME_FORMAT: Readonly<Record<string, readonly string[]>> = {
  jpg: ['jpeg', 'jpe', 'jfif'],
  mp4: ['m4v'],
  heic: ['heif', 'hif'],
  m4a: ['m4b'],
  '3gp': ['3g2', '3gpp'],
  ogg: ['oga', 'ogv', 'opus'],
};

/** A saved name stays well inside the 255 bytes most file systems allow. */
const MAX_STEM_BYTES = 180;
const FALLBACK_STEM = 'file';

/**
 * A file name safe to offer as a download: no control, bidi, invisible, path or reserved
 * characters; no leading or trailing dots or spaces; at most one dot, before the extension the
 * content was recognised as (`.bin` when it was not). Never throws.
 */
export function safeDownloadName(name: string, detectedExtension: string | null): string {
  const extension = detectedExtension && /^[a-z0-9]{1,8}$/.test(detectedExtension) ? detectedExtension : UNKNOWN_EXTENSION;
  const cleaned = String(name).normalize('NFC').replace(INVISIBLE, '').replace(RESERVED, '_').replace(SPACES, ' ');
  // The name's own last extension goes: the content decides it. Kept only when it names the
  // same format (".jpeg" for a JPEG). Any other dot becomes "_", so nothing like ".svg" survives
  // in front of the real extension.
  const lastDot = cleaned.lastIndexOf('.');
  const ownExtension = lastDot > 0 ? cleaned.slice(lastDot + 1).toLowerCase() : '';
  const hasOwnExtension = /^[\p{L}\p{N}]{1,8}$/u.test(ownExtension);
  let stem = hasOwnExtension ? cleaned.slice(0, lastDot) : cleaned;
  stem = trimEnds(capBytes(trimEnds(stem.replace(/\./g, '_').replace(/_{2,}/g, '_')), MAX_STEM_BYTES));
  if (stem === '' || /^_+$/.test(stem)) stem = FALLBACK_STEM;
  if (DEVICE_NAMES.test(stem)) stem = `${FALLBACK_STEM}-${stem}`;
  const keep = hasOwnExtension && SAME_FORMAT[extension]?.includes(ownExtension);
  return `${stem}.${keep ? ownExtension : extension}`;
}

/** Without spaces, dots, underscores or hyphens at either end (a leading "-" reads as an option, a leading "." hides the file). */
function trimEnds(text: string): string {
  return text.replace(/^[\s._-]+|[\s._]+$/gu, '');
}

/** The longest prefix of whole code points that fits in `max` bytes of UTF-8. */
function capBytes(text: string, max: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > max) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}
