import { makeResult, parseSavedResult, byNewest, type SavedChecklistResult } from '../checklist/result';
import type { ChecklistAnswers } from '../checklist/questions';
import type { DaybookDatabase } from './db';
import { EncryptedTable, newRecordId } from './encryptedTable';

/**
 * Saved checklist results, each one encrypted record under a random id: the answers, the
 * outcome and the date are all inside the ciphertext. Only used while the vault is unlocked.
 */
export class ChecklistStore {
  private readonly table: EncryptedTable<unknown>;

  constructor(db: DaybookDatabase, key: () => CryptoKey) {
    this.table = new EncryptedTable<unknown>(db, 'checklists', key);
  }

  /** Stores a result under its own id (saving the same result twice keeps one copy). */
  async save(result: SavedChecklistResult): Promise<void> {
    await this.table.put(result.id, result);
  }

  /** Assesses and saves answers now, under a new random id. */
  async saveAnswers(answers: ChecklistAnswers, now: Date = new Date()): Promise<SavedChecklistResult> {
    const result = makeResult(newRecordId(), answers, now);
    await this.save(result);
    return result;
  }

  /** Every saved result, newest first (also what exports will include). */
  async list(): Promise<SavedChecklistResult[]> {
    const rows = await this.table.all();
    return rows
      .flatMap(({ id, value }) => {
        const result = parseSavedResult(value);
        // The record is bound to its row id by encryption; the id inside must agree.
        return result && result.id === id ? [result] : [];
      })
      .sort(byNewest);
  }

  async remove(id: string): Promise<void> {
    await this.table.delete(id);
  }
}
