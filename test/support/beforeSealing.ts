// Test helpers: a vault as a version of Daybook from before the diary was sealed left it. Its
// header's passphrase wrap has the label 'daybook/wrap/passphrase/v1' (the one that does not say
// the diary is sealed), and its diary holds v1 links only, with no seal row. Both are built by
// hand from the formats, so they do not depend on today's writers.

import { base64ToBytes, bytesToBase64 } from '../../src/core/crypto/encoding';
import { deriveKeyEncryptionKey } from '../../src/core/crypto/kdf';
import { unwrapDataKey, unwrapDataKeyForRewrap, wrapDataKey } from '../../src/core/crypto/keyWrap';
import type { VaultHeader } from '../../src/core/crypto/vaultKeys';
import { canonicalJson, computeLinkHash, GENESIS_HASH, sha256Hex, type ChainLink, type RevisionContentV1 } from '../../src/core/evidence';
import type { Incident } from '../../src/core/model/incident';
import type { DaybookDatabase } from '../../src/core/store/db';
import type { RevisionRecord } from '../../src/core/store/diaryRepository';
import { EncryptedTable } from '../../src/core/store/encryptedTable';
import type { VaultSession } from '../../src/core/vault/session';
import { aQuickIncident } from './incidentFactories';

/** The passphrase wrap's labels: the diary is sealed (v2), or a vault from before (v1). */
export const LABELS = { sealed: 'daybook/wrap/passphrase/v2', beforeSealing: 'daybook/wrap/passphrase/v1' } as const;
export type Label = keyof typeof LABELS;

const HEADER_KEY = 'vaultHeader';

export async function storedHeader(db: DaybookDatabase): Promise<VaultHeader> {
  return (await db.meta.get(HEADER_KEY))?.value as VaultHeader;
}

const wrapOf = (header: VaultHeader) => ({ iv: base64ToBytes(header.passphraseWrap.iv), data: base64ToBytes(header.passphraseWrap.data) });

/**
 * The additional data of the header's passphrase wrap under `label` (docs/vault-format.md): the
 * label alone in format 1 (no `format` field), the label with the KDF's parameters in format 2.
 */
export function passphraseWrapAad(header: VaultHeader, label: string): string {
  if (header.passphraseWrap.format !== 2) return label;
  const { memoryKiB, iterations, parallelism, salt } = header.kdf;
  return ['daybook/wrap-binding/v2', label, 'argon2id', `m=${memoryKiB}`, `t=${iterations}`, `p=${parallelism}`, `salt=${salt}`].join('\0');
}

/** Which label the header's passphrase wrap opens under with `passphrase` (null: neither). */
export async function labelOf(header: VaultHeader, passphrase: string): Promise<Label | null> {
  const kek = await deriveKeyEncryptionKey(passphrase, header.kdf);
  for (const label of Object.keys(LABELS) as Label[]) {
    try {
      await unwrapDataKey(kek, wrapOf(header), passphraseWrapAad(header, LABELS[label]));
      return label;
    } catch {
      // Not this one.
    }
  }
  return null;
}

/**
 * The same header (data key, KDF salt, recovery wrap) with its passphrase wrap labelled `to` (from
 * `from`), in format 1 (the label alone as additional data), as versions before issue 13 wrote it.
 */
export async function relabelled(header: VaultHeader, passphrase: string, to: Label, from: Label = 'sealed'): Promise<VaultHeader> {
  const kek = await deriveKeyEncryptionKey(passphrase, header.kdf);
  const key = await unwrapDataKeyForRewrap(kek, wrapOf(header), passphraseWrapAad(header, LABELS[from]));
  const wrap = await wrapDataKey(kek, key, LABELS[to]);
  return { ...structuredClone(header), passphraseWrap: { iv: bytesToBase64(wrap.iv), data: bytesToBase64(wrap.data) } };
}

/** Puts the stored header back as a version from before sealing wrote it. */
export async function headerBeforeSealing(setup: { db: DaybookDatabase; passphrase: string }): Promise<VaultHeader> {
  const header = await relabelled(await storedHeader(setup.db), setup.passphrase, 'beforeSealing');
  await setup.db.meta.put({ key: HEADER_KEY, value: header });
  return header;
}

export const V1_START = Date.parse('2026-11-22T10:00:00Z');
const rowId = (seq: number) => String(seq).padStart(12, '0');

/**
 * A diary as version 1 wrote it: v1 contents (one salt) and v1 links, encrypted rows, no seal
 * (and none of the rows a vault is now created with: the settings table is emptied). Each link
 * an hour after the one before, the last an hour before V1_START.
 */
export async function writeV1Diary(setup: { db: DaybookDatabase; session: VaultSession }, texts: readonly string[]): Promise<ChainLink[]> {
  await setup.db.settings.clear();
  const table = new EncryptedTable<RevisionRecord>(setup.db, 'revisions', () => setup.session.dataKey());
  const links: ChainLink[] = [];
  for (const [seq, text] of texts.entries()) {
    const content: RevisionContentV1<Incident> = {
      v: 1,
      salt: 'ab'.repeat(16),
      body: aQuickIncident({ whatHappened: text, behaviours: ['loitering'] }),
    };
    const prev = links.at(-1);
    const unsigned = {
      seq,
      entryId: `v1-entry-${seq}`,
      revision: 1,
      kind: 'revision' as const,
      recordedAt: new Date(V1_START - (texts.length - seq) * 3_600_000).toISOString(),
      contentHash: await sha256Hex(canonicalJson(content)),
      prevHash: prev?.hash ?? GENESIS_HASH,
    };
    const link: ChainLink = { ...unsigned, hash: await computeLinkHash(unsigned) };
    links.push(link);
    await table.put(rowId(seq), { link, content });
  }
  return links;
}
