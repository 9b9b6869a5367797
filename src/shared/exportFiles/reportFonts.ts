// The fonts embedded in PDF reports. They are files of the app (precached for offline use),
// fetched only when a report is made: DejaVu Sans covers Welsh, Polish and most European
// scripts, which the PDF standard fonts do not.

import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Font not available (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function loadReportFonts(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  const [regular, bold] = await Promise.all([fetchBytes(regularUrl), fetchBytes(boldUrl)]);
  return { regular, bold };
}
