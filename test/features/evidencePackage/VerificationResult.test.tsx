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
