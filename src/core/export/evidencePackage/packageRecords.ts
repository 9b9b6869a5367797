// Records of an evidence package file. The export document is split into records (the chain
// alone can run to megabytes) and reassembled on opening, where it is validated as a whole.

export const PACKAGE_CONTENT_VERSION = 1;

export type PackageMeta =
  /** First: the document without its lists, and how many of each follow. */
  | {
      t: 'document';
      v: typeof PACKAGE_CONTENT_VERSION;
      document: Record<string, unknown>;
      links: number;
      entries: number;
      checklists: number;
      files: number;
    }
  | { t: 'link'; link: unknown }
  | { t: 'entry'; entry: unknown }
  | { t: 'check'; result: unknown }
  | { t: 'file'; id: string }
  | { t: 'chunk'; id: string; index: number; last: boolean };

export const PACKAGE_LIMITS = { links: 1_000_000, entries: 100_000, checklists: 10_000, files: 100_000 } as const;
