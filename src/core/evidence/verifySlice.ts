/**
 * Records per slice the verify-chain worker asks the page for: about 0.5 MB of links and bodies,
 * a few milliseconds of copying on the page (about 15 ms with the CPU slowed 4x), so a tap in
 * the meantime waits little. Its own module, so the page can bound the worker's questions
 * without loading the check's code.
 */
export const VERIFY_SLICE = 100;
