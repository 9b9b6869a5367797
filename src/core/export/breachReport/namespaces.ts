// Kept apart from the drawing code so the page can name them without loading pdf-lib.

/** The namespaces the summary's words come from: its own, and the kinds, "when" and file wording shared with the app and the report. */
export const BREACH_REPORT_NAMESPACES = ['breachReport', 'orders', 'incident', 'report'] as const;
