// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { verifyExportDocument } from '../../../src/core/export/verifyExport';
import { joinNames } from '../../../src/features/evidencePackage/joinNames';
import { NotCovered, VerificationResult } from '../../../src/features/evidencePackage/VerificationResult';
import { testI18n } from '../../support/i18n';
import { redactedExport } from './packageFixture';

describe('the verification result in Welsh', () => {
  it('names what was checked and what was left out in whole Welsh sentences', async () => {
    const { document } = await redactedExport(['where', 'witnesses']);
    const verification = await verifyExportDocument(document);
    render(
      <I18nextProvider i18n={await testI18n('cy')}>
        <VerificationResult document={document} verification={verification} />
        <NotCovered document={document} verification={verification} />
      </I18nextProvider>,
    );
    const result = screen.getByRole('region', { name: "Wedi'i wirio" });
    expect(
      within(result).getByText(
        "Wedi'u gwirio: mae beth ddigwyddodd, pryd y digwyddodd a beth wnaethon nhw mewn 3 fersiwn o 2 ddigwyddiad yn cyfateb i gofnod y newidiadau yn y ffeil hon.",
      ),
    ).toBeTruthy();
    const notCovered = screen.getByRole('region', { name: "Beth nad yw'r gwirio hwn yn ei gynnwys" });
    expect(within(notCovered).getByText(/^Manylion a adawodd yr anfonwr allan: ble y digwyddodd a'r tystion\./)).toBeTruthy();
    expect(within(notCovered).getByText(/^Dyddiadur pwy yw hwn: /)).toBeTruthy();
    expect(notCovered.textContent).not.toMatch(/a\(c\)|wirio'n|Wedi'i wirio/);
  });
});

describe('pictures in a package', () => {
  it('names each redrawn copy with the original’s SHA-256 (what the record covers) and the copy’s, and pictures left out', async () => {
    const { document } = await redactedExport([]);
    const original = { id: 'p1', name: 'at the door.jpg', type: 'image/jpeg', size: 1000, sha256: 'a'.repeat(64) };
    const heic = { id: 'p2', name: 'IMG_0001.HEIC', type: 'image/heic', size: 2000, sha256: 'b'.repeat(64) };
    const verification = await verifyExportDocument(document, {
      files: { redrawn: [{ ref: original, copySha256: 'c'.repeat(64), copySize: 500 }], withheld: [heic] },
    });
    for (const language of ['en-GB', 'cy']) {
      const view = render(
        <I18nextProvider i18n={await testI18n(language)}>
          <VerificationResult document={document} verification={verification} />
          <NotCovered document={document} verification={verification} />
        </I18nextProvider>,
      );
      const notCovered = screen.getByRole('region', {
        name: language === 'cy' ? "Beth nad yw'r gwirio hwn yn ei gynnwys" : 'Not covered by this check',
      });
      if (language === 'en-GB') {
        // Still verified: the record of changes is about the originals, whose SHA-256 it holds.
        expect(screen.getByRole('region', { name: 'Verified' })).toBeTruthy();
        expect(
          within(notCovered).getByText(
            /^1 picture is a copy redrawn without its metadata .* The record of changes covers the original file’s SHA-256, not the copy’s: the copy was checked only against the SHA-256 this package gives for it/,
          ),
        ).toBeTruthy();
        expect(within(notCovered).getByText(/^1 picture is not in this package: it holds where it was taken/)).toBeTruthy();
        const copyLine = within(notCovered).getByText('at the door.jpg').closest('li') as HTMLElement;
        expect(copyLine.textContent).toContain(`SHA-256 of the original (what the record of changes covers): ${'a'.repeat(64)}`);
        expect(copyLine.textContent).toContain(`SHA-256 of this copy (checked against this package): ${'c'.repeat(64)}`);
        expect(within(notCovered).getByText('IMG_0001.HEIC')).toBeTruthy();
      } else {
        expect(within(notCovered).getByText(/^Mae 1 llun yn gopi wedi'i ail-lunio heb ei fetadata/)).toBeTruthy();
        expect(within(notCovered).getByText(/^Dydy 1 llun ddim yn y pecyn hwn/)).toBeTruthy();
      }
      view.unmount();
    }
  });
});

describe('joinNames', () => {
  it.each([
    [['pryd y digwyddodd', 'pwy wnaeth hyn'], 'pryd y digwyddodd a phwy wnaeth hyn'],
    [['ble y digwyddodd', 'y tystion'], "ble y digwyddodd a'r tystion"],
    [['pwy wnaeth hyn', 'yr effaith a gafodd'], "pwy wnaeth hyn a'r effaith a gafodd"],
    [['y tystion', 'tystiolaeth sy’n cael ei chadw'], 'y tystion a thystiolaeth sy’n cael ei chadw'],
    [['ble', 'un arall'], 'ble ac un arall'],
    [['a', 'b', 'beth ddigwyddodd'], 'a, b a beth ddigwyddodd'],
  ])('in Welsh, %j -> %s', (names, joined) => {
    expect(joinNames(names, 'cy')).toBe(joined);
  });

  it('in English, as Intl.ListFormat does', () => {
    expect(joinNames(['where it happened', 'the witnesses', 'who did it'], 'en-GB')).toBe(
      'where it happened, the witnesses and who did it',
    );
    expect(joinNames(['who did it'], 'cy')).toBe('who did it');
  });
});
