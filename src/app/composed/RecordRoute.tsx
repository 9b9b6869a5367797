import { useMemo } from 'react';
import { tabRecorder } from '../../core/capture/recorder';
import { captureFileName, captureSupport } from '../../core/capture/support';
import { DATABASE_NAME } from '../../core/store/schema';
import { RecordScreen } from '../../features/capture/RecordScreen';

/** Seals a photo into this device's inbox with the time now (public key only; the sealing code loads on use). */
async function savePhoto(photo: Blob): Promise<string> {
  const { sealPhoto } = await import('../../core/inbox/lockedInbox');
  const at = new Date();
  return sealPhoto(DATABASE_NAME, photo, captureFileName('photo', 'image/jpeg', at), at);
}

/** The Record screen with this tab's recorder, which outlives it (and the diary's lock). */
export function RecordRoute() {
  const support = useMemo(() => captureSupport(), []);
  return <RecordScreen recorder={tabRecorder(DATABASE_NAME)} support={support} savePhoto={savePhoto} />;
}
