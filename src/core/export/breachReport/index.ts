// Public API of the breach summary ("Report a breach"): its content, and its PDF.

export {
  buildBreachSummary,
  type BreachSummary,
  type BreachSummaryInput,
  type FormerConditionText,
  type SummaryCondition,
} from './breachSummary';
export { BREACH_REPORT_NAMESPACES } from './namespaces';
export { renderBreachSummaryPdf, type BreachSummaryPdfOptions } from './renderBreachSummary';
