// Command line of `npm run bench`.

export interface BenchOptions {
  incidents: number;
  quick: boolean;
  /** Repetitions of each timed step (medians over these). */
  runs: number;
  /** Repetitions of the UI unlock-to-timeline measurement with the CPU throttled 4x. */
  throttledRuns: number;
  lighthouseRuns: number;
  /** Individually timed adds at the end of seeding, for p50 and p95. */
  measuredAdds: number;
  searchRepeats: number;
  openSamples: number;
  /** Every n-th incident carries an attachment. */
  attachEvery: number;
  /** Entries given a second revision after seeding. */
  edits: number;
  /** The PDF report's incidents (the most recently written) and its timed runs. */
  pdfIncidents: number;
  pdfRuns: number;
  /** Photos of 1 to 5 MiB added before the backup, one new incident each. */
  exportFiles: number;
  /** `--scale`: the scale series instead of the single-size bench. */
  scale: boolean;
  /** Diary sizes of the scale series, smallest first. */
  scaleSizes: number[];
  /** `--scale-report`: only redraw scale.md and scale.svg from bench-results/scale.json. */
  scaleReportOnly: boolean;
}

/** The series issue 18 asks for. */
export const SCALE_SIZES = [500, 5000, 20_000, 50_000];

export const USAGE = `Usage: npm run bench -- [options]

  --incidents N        incidents to seed (default 5000; env BENCH_INCIDENTS)
  --quick              a fast check: 500 incidents, fewer runs, one Lighthouse run
  --runs N             repetitions of each timed step (default 7, quick 3)
  --lighthouse-runs N  Lighthouse runs, median taken (default 5, quick 1; 0 skips it)
  --no-lighthouse      skip Lighthouse
  --scale              the scale series instead: 500, 5,000, 20,000 and 50,000 incidents, each
                       in a fresh browser profile (runs default 3; no Lighthouse, no PDF)
  --scale-sizes A,B    other sizes for the series (for a quick check, e.g. 500,2000)
  --scale-report       redraw scale.md and scale.svg from bench-results/scale.json, measuring nothing
  --help               this text

Results: a table here, bench-results/latest.json and bench-results/latest.md; with --scale,
bench-results/scale.md, scale.json and scale.svg.`;

function positiveInteger(name: string, value: string | undefined, allowZero = false): number {
  const parsed = Number(value);
  if (value === undefined || !Number.isInteger(parsed) || parsed < (allowZero ? 0 : 1)) {
    throw new Error(`${name} needs a whole number${allowZero ? '' : ' above 0'}, got ${value ?? 'nothing'}`);
  }
  return parsed;
}

/** Returns null when only help was asked for. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions | null {
  const given = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument: ${arg}\n\n${USAGE}`);
    const [name = '', inline] = arg.slice(2).split('=', 2);
    if (['quick', 'no-lighthouse', 'help', 'scale', 'scale-report'].includes(name)) given.set(name, true);
    else if (['incidents', 'runs', 'lighthouse-runs', 'scale-sizes'].includes(name)) {
      const value = inline ?? argv[i + 1];
      if (inline === undefined) i += 1;
      given.set(name, value ?? '');
    } else throw new Error(`Unknown option --${name}\n\n${USAGE}`);
  }
  if (given.has('help')) return null;
  const quick = given.has('quick');
  const text = (name: string) => {
    const value = given.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const incidentsText = text('incidents') ?? env.BENCH_INCIDENTS;
  const incidents =
    incidentsText !== undefined && incidentsText !== '' ? positiveInteger('--incidents', incidentsText) : quick ? 500 : 5000;
  const sizesText = text('scale-sizes');
  const scale = given.has('scale') || sizesText !== undefined;
  const scaleSizes =
    sizesText === undefined
      ? SCALE_SIZES
      : [...new Set(sizesText.split(',').map((size) => positiveInteger('--scale-sizes', size.trim().replace(/_/g, ''))))].sort(
          (a, b) => a - b,
        );
  // The series repeats everything at four sizes, so fewer runs of each step by default.
  const runs = text('runs') !== undefined ? positiveInteger('--runs', text('runs')) : quick || scale ? 3 : 7;
  let lighthouseRuns =
    text('lighthouse-runs') !== undefined ? positiveInteger('--lighthouse-runs', text('lighthouse-runs'), true) : quick ? 1 : 5;
  if (given.has('no-lighthouse')) lighthouseRuns = 0;
  return {
    incidents,
    quick,
    runs,
    // The series' 4x runs give its 4x figures (first rows, whole diary, opening an incident),
    // which swing between runs: on Linux, Chromium's throttle makes the page's thread spin, at
    // each signal (one every 200 µs or more), for three times the wall time since it last
    // returned (counted up to 1 ms), whether it ran, waited or was descheduled meanwhile, so the
    // other threads' work on 2 cores slows it too. An odd number, at least five, so the median
    // is one run's, not the mean of a fast one and a slow one.
    throttledRuns: quick
      ? Math.max(2, Math.ceil(runs / 2))
      : scale
        ? Math.max(5, Math.ceil(runs / 2) | 1)
        : Math.max(3, Math.ceil(runs / 2)),
    lighthouseRuns,
    measuredAdds: Math.min(incidents, quick ? 100 : 200),
    searchRepeats: quick ? 10 : 30,
    openSamples: quick ? 10 : 20,
    attachEvery: 50,
    edits: Math.round(incidents * 0.02),
    pdfIncidents: 1000,
    pdfRuns: 3,
    exportFiles: 5,
    scale,
    scaleSizes,
    scaleReportOnly: given.has('scale-report'),
  };
}
