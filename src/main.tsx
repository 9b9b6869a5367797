import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { leaveAgainIfReturnedAfterExit } from './app/quickExit/quickExit';
import { armShiftTripleExit } from './app/quickExit/shiftTripleExit';
import { initI18n } from './i18n';
import { App } from './app/App';

async function start(): Promise<void> {
  // Shift three times works before the language has loaded and anything is shown.
  armShiftTripleExit();
  await initI18n();
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// Quick exit must win over everything else, including rendering.
if (!leaveAgainIfReturnedAfterExit()) void start();
