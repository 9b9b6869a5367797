// The sealed head (docs/evidence-v2-design.md section 5): what the diary concludes at load from
// its chain and the seal row stored with it. The seal itself (its MAC) is evidence/chainSeal.ts.
//
// The seal row also keeps every finding a load has made (records missing, seal invalid). A load
// that finds something seals the chain as it then is, so the next load on its own would say
// "sealed": the finding is what keeps the warning. Every later seal write carries the findings
// forward, and they are read only from a row that decrypts under the vault's data key (AES-GCM,
// bound to the settings table and this row's id, so only this code with the key can have
// written it) and whose seal verifies under the chain key. Anything else is itself a finding:
// altering, forging or (once v2 links exist) deleting the row cannot make findings disappear
// without leaving a new one.
//
// What it cannot catch: a row this code wrote earlier put back, with fewer findings, over a chain
// that ends where that row's seal says. Each link's hash covers every link before it, so a chain
// ending at that head is the chain as it was when the row was written: the row and the chain
// under it are the diary put back to that moment, a whole-database rollback. Binding the number
// of findings into the MAC would not help (the old row's MAC covers its own, smaller, number,
// and AES-GCM already ties the findings to the seal beside them); only fingerprints held by
// someone else catch a rollback.
//
// A diary with v1 links only (from before version 2) cannot itself tell its seal row deleted from
// never written. The vault's header can: its passphrase wrap's label says the diary is sealed
// (crypto/vaultKeys.ts), and only the passphrase can change it. In a vault that says so, no seal
// row is 'seal-invalid' whatever the links. What is left: a vault whose header predates sealing,
// before the first load that seals its diary and relabels the header (its first unlock since), or
// a recovery (the recovery key's wrap cannot say it) over a diary whose seal row was removed
// first: that diary is "sealed from now" again, which the integrity line says.

import { GENESIS_HASH, isIsoTimestamp, verifySeal, type ChainLink, type ChainSeal } from '../../evidence';

/** The seal's row in the encrypted settings table. */
export const SEAL_ROW_ID = 'chain-seal';

/**
 * What the seal says about the diary as loaded.
 * - sealed: the chain ends exactly where the last write sealed it.
 * - sealed-from-now: a diary from before version 2 (no seal, v1 links only, in a vault whose
 *   header does not yet say it is sealed), sealed at this load; nothing earlier can be vouched
 *   for by the seal.
 * - records-missing: the chain is shorter than sealed, or its link at the sealed size is not
 *   the sealed head: recent records were removed or put back from an earlier copy.
 * - seal-invalid: the seal is missing where one must be (v2 links, or a vault that says its
 *   diary is sealed), unreadable, not this vault's, or the chain goes on past it (rows written
 *   without the seal).
 */
export type SealState =
  | { state: 'sealed' }
  | { state: 'sealed-from-now' }
  | { state: 'records-missing'; sealedSize: number; size: number }
  | { state: 'seal-invalid' };

/**
 * A warning a load found, kept for good in the seal row. `size` is the chain's length at that
 * load; `sealedSize` the length the seal vouched for, when the seal could be trusted;
 * `noticedAt` the device clock's reading (toISOString form) when it was found.
 */
export interface SealFinding {
  state: 'records-missing' | 'seal-invalid';
  sealedSize?: number;
  size: number;
  noticedAt: string;
}

/** The seal row as stored (encrypted): the seal of the chain and every finding so far, oldest first. */
export interface SealRow {
  v: 2;
  seal: ChainSeal;
  findings: SealFinding[];
}

/** The seal row as read: none, one that would not decrypt, or its decrypted value (unchecked). */
export type StoredSeal = { kind: 'none' } | { kind: 'unreadable' } | { kind: 'found'; value: unknown };

/** What a load concludes: the seal's state ('unsealed': a v1 diary never sealed), and the findings it may trust. */
export interface SealJudgement {
  found: SealState | 'unsealed';
  findings: SealFinding[];
}

/** Where a chain ends: the number of links and the last link's hash (GENESIS_HASH when empty). */
export interface ChainEnd {
  size: number;
  head: string;
}

export function chainEnd(links: readonly ChainLink[]): ChainEnd {
  return { size: links.length, head: links.at(-1)?.hash ?? GENESIS_HASH };
}

const isSize = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function parseFinding(value: unknown): SealFinding | null {
  if (typeof value !== 'object' || value === null) return null;
  const { state, sealedSize, size, noticedAt } = value as Record<string, unknown>;
  if ((state !== 'records-missing' && state !== 'seal-invalid') || !isSize(size) || !isIsoTimestamp(noticedAt)) return null;
  if (sealedSize !== undefined && !isSize(sealedSize)) return null;
  return sealedSize === undefined ? { state, size, noticedAt } : { state, sealedSize, size, noticedAt };
}

function parseFindings(value: unknown): SealFinding[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const finding = parseFinding(item);
    return finding ? [finding] : [];
  });
}

export function sameFinding(a: SealFinding, b: SealFinding): boolean {
  return a.state === b.state && a.sealedSize === b.sealedSize && a.size === b.size && a.noticedAt === b.noticedAt;
}

/** The finding for what a load found, noticed at `at`. */
export function findingOf(
  state: Exclude<SealState, { state: 'sealed' } | { state: 'sealed-from-now' }>,
  size: number,
  at: Date,
): SealFinding {
  const noticedAt = at.toISOString();
  return state.state === 'records-missing'
    ? { state: 'records-missing', sealedSize: state.sealedSize, size: state.size, noticedAt }
    : { state: 'seal-invalid', size, noticedAt };
}

/**
 * Judges the stored seal row against the chain, and reads the findings it carries, trusted only
 * when its seal verifies. 'unsealed' is a diary from before version 2 that has never been
 * sealed: the caller seals it now. `vaultSaysSealed`: the vault's header says this diary is
 * sealed, so a missing seal row was removed.
 */
export async function judgeSeal(
  key: CryptoKey,
  stored: StoredSeal,
  links: readonly ChainLink[],
  vaultSaysSealed = false,
): Promise<SealJudgement> {
  const invalid: SealJudgement = { found: { state: 'seal-invalid' }, findings: [] };
  if (stored.kind === 'unreadable') return invalid;
  if (stored.kind === 'none') {
    // Version 2 writes always store a seal: a v2 link without one, or a vault whose header says
    // its diary is sealed, means the seal was removed.
    return vaultSaysSealed || links.some((link) => link.v === 2) ? invalid : { found: 'unsealed', findings: [] };
  }
  const row = stored.value;
  if (typeof row !== 'object' || row === null || (row as Partial<SealRow>).v !== 2) return invalid;
  const { seal, findings: storedFindings } = row as Record<string, unknown>;
  if (!(await verifySeal(key, seal))) return invalid;
  const { size: sealedSize, head } = seal as ChainSeal;
  const findings = parseFindings(storedFindings);
  const size = links.length;
  if (size > sealedSize) return { found: { state: 'seal-invalid' }, findings };
  const atSealedEnd = sealedSize === 0 ? GENESIS_HASH : links[sealedSize - 1]?.hash;
  if (size < sealedSize || atSealedEnd !== head) return { found: { state: 'records-missing', sealedSize, size }, findings };
  return { found: { state: 'sealed' }, findings };
}
