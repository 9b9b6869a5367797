import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const SKIP = new Set(['node_modules', 'dist', 'dev-dist', 'coverage', '.git', '.test-results', 'bench-results']);

/** Every file and folder below `dir`, as paths relative to the repository root. */
function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    out.push(relative(root, path));
    if (entry.isDirectory()) walk(path, out);
  }
  return out;
}

/**
 * Paths that name the same file on a case-insensitive file system (macOS, Windows), or the same
 * module: './incidentForm' and './IncidentForm' resolve to either file there.
 */
function caseCollisions(paths: readonly string[]): string[][] {
  const byFolded = new Map<string, string[]>();
  for (const path of paths) {
    const folded = path.toLowerCase().replace(/\.(tsx?|mjs|js)$/, '');
    byFolded.set(folded, [...(byFolded.get(folded) ?? []), path]);
  }
  return [...byFolded.values()].filter((group) => group.length > 1);
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** The folder graph of src/core: which of its folders import which (type imports included). */
function coreFolderGraph(): Map<string, Set<string>> {
  const core = join(root, 'src/core');
  const graph = new Map<string, Set<string>>();
  for (const path of walk(core).filter((p) => /\.tsx?$/.test(p))) {
    const from = relative(core, join(root, path)).split('/')[0] ?? '';
    const text = readFileSync(join(root, path), 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? '';
      const target = relative(core, resolve(dirname(join(root, path)), spec));
      if (target.startsWith('..')) continue;
      const to = target.split('/')[0] ?? '';
      if (!to || to === from || !to.match(/^[a-z]/i) || to.includes('.')) continue;
      graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** Each loop in a directed graph, as the path that closes it. */
function loops(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const visit = (node: string, path: string[]) => {
    for (const next of graph.get(node) ?? []) {
      if (next === path[0]) found.push([...path, next]);
      else if (!path.includes(next) && next > (path[0] ?? '')) visit(next, [...path, next]);
    }
  };
  for (const start of [...graph.keys()].sort()) visit(start, [start]);
  return found;
}

describe('source tree', () => {
  it('has no two paths that differ only by case', () => {
    expect(caseCollisions(walk(root))).toEqual([]);
  });

  it('finds such paths when they exist', () => {
    expect(caseCollisions(['src/a/incidentForm.ts', 'src/a/IncidentForm.tsx', 'src/a/Other.ts', 'src/B', 'src/b'])).toEqual([
      ['src/a/incidentForm.ts', 'src/a/IncidentForm.tsx'],
      ['src/B', 'src/b'],
    ]);
  });

  it('has no loops between the folders of src/core (module cycles are refused by ESLint import-x/no-cycle)', () => {
    expect(loops(coreFolderGraph())).toEqual([]);
  });

  it('finds a loop between folders when there is one', () => {
    const graph = new Map([
      ['backup', new Set(['export'])],
      ['export', new Set(['backup', 'crypto'])],
    ]);
    expect(loops(graph)).toEqual([['backup', 'export', 'backup']]);
  });
});
