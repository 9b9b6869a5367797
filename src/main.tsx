import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { leaveAgainIfReturnedAfterExit } from './app/quickExit/quickExit';
import { armShiftTripleExit } from './app/quickExit/shiftTripleExit';
import { initI18n } from './i18n';
import { App, startFirstScreen } from './app/App';

const FIRST_SCREEN_WAIT_MS = 500;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function start(): Promise<void> {
  // Shift three times works before the language has loaded and anything is shown.
  armShiftTripleExit();
  const firstScreen = startFirstScreen();
  const i18n = await initI18n();
  // The lock guard's code and the 'vault' words are usually here by now (index.html preloads
  // them): the first screen then renders without a loading message in between. A slow network
  // delays the shell, quick exit included, by FIRST_SCREEN_WAIT_MS at most; after it the lock
  // guard loads behind the shell's loading message.
  await Promise.race([Promise.all([firstScreen, i18n.loadNamespaces('vault')]).catch(() => undefined), sleep(FIRST_SCREEN_WAIT_MS)]);
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const root = createRoot(container);
  // Rendered as a transition, React yields every few milliseconds while it builds the screen: on
  // a slow phone a tap or the quick-exit key waits for one slice or the final commit, not for
  // the whole render.
  startTransition(() => {
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
}

// Quick exit must win over everything else, including rendering.
if (!leaveAgainIfReturnedAfterExit()) void start();
