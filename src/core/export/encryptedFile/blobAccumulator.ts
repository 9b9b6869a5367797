// Collects a file's bytes as they are produced. Parts are folded into a Blob
// every few MiB so the JS heap never holds more than that: browsers keep large
// Blobs on disk, and a Blob built from Blobs references them without copying.

/** Bytes held in JS arrays before they are folded into the Blob. */
export const DEFAULT_FOLD_BYTES = 8 * 1024 * 1024;

export class BlobAccumulator {
  private folded: Blob = new Blob([]);
  private parts: Uint8Array<ArrayBuffer>[] = [];
  private pending = 0;

  constructor(private readonly foldAtBytes: number = DEFAULT_FOLD_BYTES) {
    if (!Number.isInteger(foldAtBytes) || foldAtBytes <= 0) throw new RangeError('foldAtBytes must be a positive integer');
  }

  /** Bytes appended so far. */
  get size(): number {
    return this.folded.size + this.pending;
  }

  /** Bytes still in JS arrays rather than in the Blob. */
  get heldBytes(): number {
    return this.pending;
  }

  append(...parts: Uint8Array<ArrayBuffer>[]): void {
    for (const part of parts) {
      this.parts.push(part);
      this.pending += part.length;
    }
    if (this.pending >= this.foldAtBytes) this.fold();
  }

  /** Moves whatever is held in JS arrays into the Blob now (e.g. when a file is complete). */
  flush(): void {
    if (this.pending > 0) this.fold();
  }

  /** Everything appended, as one Blob of the given MIME type. */
  toBlob(type: string): Blob {
    return new Blob([this.folded, ...this.parts], { type });
  }

  private fold(): void {
    this.folded = new Blob([this.folded, ...this.parts]);
    this.parts = [];
    this.pending = 0;
  }
}
