/**
 * Records per slice the verify-chain worker asks the page for: about 2 MB of links and bodies,
 * a few milliseconds of copying on the page. Its own module, so the page can bound the worker's
 * questions without loading the check's code.
 */
export const VERIFY_SLICE = 1_000;
