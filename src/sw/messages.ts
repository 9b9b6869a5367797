/**
 * Messages between the page and the service worker about the integrity of precached app code.
 * The service worker posts a report to every open window when it refuses a copy from its cache,
 * and answers a page's query with the refusals made while that page loaded (a page's own code is
 * fetched before it can listen).
 */

/** Page to worker: "which copies did you refuse for me?" */
export const INTEGRITY_QUERY = 'DAYBOOK_INTEGRITY_QUERY';
/** Worker to page: copies refused, and what checking cost this worker so far. */
export const INTEGRITY_REPORT = 'DAYBOOK_INTEGRITY_REPORT';

export interface IntegrityRefusal {
  /** The app file whose cached copy did not match the build, as an absolute URL. */
  url: string;
  /** 'replaced': a fresh copy that matches was fetched and used; 'refused': none could be had. */
  outcome: 'replaced' | 'refused';
}

export interface IntegrityCost {
  /** Responses from the precache whose bytes were hashed and compared. */
  responses: number;
  bytes: number;
  /** Milliseconds during which at least one was being read and hashed (overlaps counted once). */
  milliseconds: number;
}

export interface IntegrityReport {
  type: typeof INTEGRITY_REPORT;
  refused: IntegrityRefusal[];
  cost: IntegrityCost;
}

export function isIntegrityReport(data: unknown): data is IntegrityReport {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Partial<IntegrityReport>;
  return message.type === INTEGRITY_REPORT && Array.isArray(message.refused);
}

export function isIntegrityQuery(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === INTEGRITY_QUERY;
}
