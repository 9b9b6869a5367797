import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { leaveAgainIfReturnedAfterExit } from './app/quickExit/quickExit';
import { initI18n } from './i18n';
import { App } from './app/App';

async function start(): Promise<void> {
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
