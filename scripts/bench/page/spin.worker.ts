// A fixed amount of integer work in a dedicated worker, timed there: the bench compares it with
// the same work on the page's main thread, with and without CDP CPU throttling, to learn whether
// throttling reaches workers (Argon2id runs in one).

import { spinWork } from './spin';

addEventListener('message', (event: MessageEvent<number>) => {
  postMessage(spinWork(event.data));
});
