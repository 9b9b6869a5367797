import { tabRecorder } from '../../core/capture/recorder';
import { DATABASE_NAME } from '../../core/store/schema';
import { RecordingBar as Bar } from '../../features/capture/RecordingBar';
import { useVault } from '../../shared/vault/useVault';

/** The bar of this tab's recording, shown by the shell on every screen (loaded only once a recording ran). */
export default function RecordingBar(): React.JSX.Element | null {
  // Anything short of unlocked is the lock (or set-up) screen, open to whoever holds the phone.
  const { status } = useVault();
  return <Bar recorder={tabRecorder(DATABASE_NAME)} locked={status !== 'unlocked'} />;
}
