/**
 * Records per slice the verify-chain worker asks the page for: a tenth of the 1,000 it was, so
 * each copy on the page is a short task and a tap in the meantime waits little. Its own module,
 * so the page can bound the worker's questions without loading the check's code.
 */
export const VERIFY_SLICE = 100;
