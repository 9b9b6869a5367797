// Records of an evidence package file. The export document is split into records (the chain
// alone can run to megabytes) and reassembled on opening, where it is validated as a whole.
//
// Content version 1 carries every file as it was attached. Version 2 may carry, instead of a
// picture's original, a copy redrawn without its metadata (its file record says so and gives the
// copy's own size and SHA-256), or no bytes at all for a picture (or a file claiming to be one)
// that could not be redrawn. Readers open both versions.

/** The version written now. */
export const PACKAGE_CONTENT_VERSION = 2;
/** Every version this reader opens. */
export const PACKAGE_CONTENT_VERSIONS: readonly number[] = [1, 2];

/** The types a redrawn copy may have (see core/files/redrawPicture.ts). */
export type RedrawnCopyType = 'image/png' | 'image/jpeg';

/** A picture sent as a copy redrawn without its metadata: what the copy is, so it can be checked. */
export interface RedrawnCopy {
  kind: 'redrawn';
  /** SHA-256 (lowercase hex) of the copy's bytes, as carried in this package. */
  sha256: string;
  size: number;
  type: RedrawnCopyType;
}

/** Why a file's bytes are not in the package although the document lists it. */
export type WithheldReason =
  /** A picture (or a file claiming to be one) that could not be redrawn without its metadata. */
  'metadata';

export type PackageMeta =
  /** First: the document without its lists, and how many of each follow. */
  | {
      t: 'document';
      v: number;
      document: Record<string, unknown>;
      links: number;
      entries: number;
      checklists: number;
      files: number;
    }
  | { t: 'link'; link: unknown }
  | { t: 'entry'; entry: unknown }
  | { t: 'check'; result: unknown }
  /**
   * A file's bytes follow in chunks: the original's (no `copy`), or a redrawn copy's (version 2).
   * With `withheld` (version 2), no chunks follow.
   */
  | {
      t: 'file';
      id: string;
      copy?: RedrawnCopy;
      withheld?: WithheldReason;
      /**
       * With exhibit initials: the file's exhibit reference ("AB/1") and its name with the label
       * in front ("AB-1 IMG_2041.jpg"). Labels chosen at export, not checked; any version.
       */
      exhibit?: string;
      name?: string;
    }
  | { t: 'chunk'; id: string; index: number; last: boolean };

export const PACKAGE_LIMITS = { links: 1_000_000, entries: 100_000, checklists: 10_000, files: 100_000 } as const;
