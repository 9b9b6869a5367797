import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF_COST, KDF_LIMITS } from '../../../src/core/crypto/kdf';
import { assertWithinFileKdfBudget, FILE_KDF_BUDGET, KdfCostTooHighError, withinFileKdfBudget } from '../../../src/core/crypto/kdfBudget';
import { fileErrorCode } from '../../../src/core/export/fileErrorCode';

const MiB = 1024;

describe('the KDF budget for a file', () => {
  it('is four times what Daybook writes', () => {
    expect(FILE_KDF_BUDGET).toEqual({
      maxMemoryKiB: 4 * DEFAULT_KDF_COST.memoryKiB,
      maxIterations: 4 * DEFAULT_KDF_COST.iterations,
      maxMemoryTimesIterations: 4 * DEFAULT_KDF_COST.memoryKiB * DEFAULT_KDF_COST.iterations,
      maxParallelism: 4,
    });
    expect(withinFileKdfBudget(DEFAULT_KDF_COST)).toBe(true);
  });

  it.each([
    [{ memoryKiB: 256 * MiB, iterations: 3, parallelism: 1 }, true],
    [{ memoryKiB: 256 * MiB + 1, iterations: 1, parallelism: 1 }, false],
    [{ memoryKiB: 64 * MiB, iterations: 12, parallelism: 1 }, true],
    [{ memoryKiB: 64 * MiB, iterations: 13, parallelism: 1 }, false],
    [{ memoryKiB: 128 * MiB, iterations: 6, parallelism: 4 }, true],
    [{ memoryKiB: 128 * MiB, iterations: 7, parallelism: 1 }, false],
    [{ memoryKiB: 256 * MiB, iterations: 4, parallelism: 1 }, false],
    // The case: 1 GiB x 20 passes, inside the format's range.
    [{ memoryKiB: 1024 * MiB, iterations: 20, parallelism: 1 }, false],
  ])('%o within budget: %s', (cost, expected) => {
    expect(withinFileKdfBudget(cost)).toBe(expected);
    if (expected) expect(() => assertWithinFileKdfBudget(cost)).not.toThrow();
    else {
      expect(() => assertWithinFileKdfBudget(cost)).toThrow(KdfCostTooHighError);
      // Screens translate it as the file errors' "asks for far more work to unlock" message.
      expect(fileErrorCode(new KdfCostTooHighError('test'))).toBe('kdf-too-costly');
    }
  });

  it('accepts exactly the costs whose memory, passes and their product are each at most 4x the default', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: KDF_LIMITS.minMemoryKiB, max: KDF_LIMITS.maxMemoryKiB }),
        fc.integer({ min: KDF_LIMITS.minIterations, max: KDF_LIMITS.maxIterations }),
        fc.integer({ min: KDF_LIMITS.minParallelism, max: KDF_LIMITS.maxParallelism }),
        (memoryKiB, iterations, parallelism) => {
          const d = DEFAULT_KDF_COST;
          const expected =
            memoryKiB <= 4 * d.memoryKiB && iterations <= 4 * d.iterations && memoryKiB * iterations <= 4 * d.memoryKiB * d.iterations;
          expect(withinFileKdfBudget({ memoryKiB, iterations, parallelism })).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
