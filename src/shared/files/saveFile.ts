// Handing a finished export to the person: the share sheet where the browser can share files
// (phones), a download otherwise. Nothing is sent anywhere by Daybook itself.

/** True when this browser can offer this file to the system share sheet. */
export function canShareFile(file: File): boolean {
  return typeof navigator.canShare === 'function' && typeof navigator.share === 'function' && navigator.canShare({ files: [file] });
}

/** Opens the share sheet. Resolves false if the person closed it without sharing. */
export async function shareFile(file: File): Promise<boolean> {
  try {
    await navigator.share({ files: [file] });
    return true;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return false;
    throw error;
  }
}

/** Saves through the browser's download, then lets the object URL go. */
export function downloadFile(file: File): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time the click returns; a minute covers slow devices.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
