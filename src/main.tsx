import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { leaveAgainIfReturnedAfterExit } from './app/quickExit/quickExit';
import { armShiftTripleExit } from './app/quickExit/shiftTripleExit';
import { initI18n } from './i18n';
import { App, startFirstScreen } from './app/App';

async function start(): Promise<void> {
  // Shift three times works before the language has loaded and anything is shown.
  armShiftTripleExit();
  // The first screen renders once its words and the lock guard are both here, so it appears
  // in one step rather than behind a loading message.
  await Promise.all([initI18n(), startFirstScreen()]);
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const root = createRoot(container);
  // Rendered as a transition, React yields every few milliseconds: a slow phone's first screen
  // is built in short tasks, so a tap or the quick-exit key is never held behind it.
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
