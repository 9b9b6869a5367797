import { useEffect, useState } from 'react';
import { claimsToBePicture, MAX_METADATA_FILE_BYTES, readFileMetadata } from '../../../core/files';
import type { AttachmentRef } from '../../../core/model/incident';
import { useAttachmentSource } from './attachmentSource';
import { whenQuiet } from '../../../core/workers/whenIdle';

/**
 * Files are read for their metadata one at a time: an incident (or a package) with many photos
 * never has them all decrypted at once.
 */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Only files that present themselves as pictures (or say nothing of what they are, and are small)
 * are read: a document or a recording is not decrypted just to find it is not a photo. For those
 * read, the bytes decide whether they are a picture and what they hold.
 */
const UNTYPED_READ_BYTES = 8 * 1024 * 1024;
/**
 * How long after a file is shown its read gives way to taps and keys (whenQuiet). After that it
 * waits only for an idle moment (1 s at most), so the notice does not wait on a busy page.
 */
const LOCATION_READ_WAIT_MS = 1_000;
function inTurn<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * True once the attached file is known to be a picture holding the place where it was taken
 * (GPS, or a place named in its XMP or IPTC), read from its bytes: the incident's record is
 * never changed for this. False while unknown, for files that are not pictures or are larger
 * than the metadata reader takes, and when the file cannot be read.
 */
export function usePictureLocation(attachment: AttachmentRef): boolean {
  const source = useAttachmentSource();
  const { id, name, type, size, sha256 } = attachment;
  const key = [id, sha256].join('\0');
  const [found, setFound] = useState<{ key: string; location: boolean } | null>(null);

  useEffect(() => {
    const worthReading =
      size <= MAX_METADATA_FILE_BYTES && (claimsToBePicture(type, name) || (type.trim() === '' && size <= UNTYPED_READ_BYTES));
    if (!worthReading) return;
    let cancelled = false;
    const until = performance.now() + LOCATION_READ_WAIT_MS;
    void inTurn(async () => {
      if (cancelled) return;
      // After the screen that shows the file has painted: a picture is decrypted and hashed on
      // this thread, which would otherwise hold back the first frame of the incident it opens.
      await whenQuiet({ until });
      if (cancelled) return;
      const metadata = await readFileMetadata(await source.open({ id, name, type, size, sha256 }));
      if (!cancelled) setFound({ key, location: metadata?.location === true });
    }).catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [source, id, name, type, size, sha256, key]);

  return found?.key === key && found.location;
}
