/**
 * Whether the person has chosen "Update now" in this page. From then on the page sends nothing
 * more to the service worker in control: Chromium stops that worker before the new one takes
 * over, and a message reaching it then restarts it, which held the update back for five minutes
 * in a test (the page never reloaded). The page reloads once the new worker is in control.
 */
let asked = false;

export function markUpdateAsked(): void {
  asked = true;
}

export function updateAsked(): boolean {
  return asked;
}
