// @vitest-environment jsdom
import { createEvent, fireEvent, render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { AttachmentPreview } from '../../../../src/shared/incident/attachments/AttachmentPreview';
import type { ShownFile } from '../../../../src/shared/incident/attachments/shownFile';
import { testI18n } from '../../../support/i18n';

const download = { url: 'blob:http://localhost/download', name: 'photo.jpg' };
const views: [string, ShownFile['view']][] = [
  ['picture', { kind: 'picture', url: 'blob:http://localhost/picture', width: 40, height: 30 }],
  ['audio', { kind: 'media', element: 'audio', url: 'blob:http://localhost/audio' }],
  ['video', { kind: 'media', element: 'video', url: 'blob:http://localhost/video' }],
];

describe('AttachmentPreview', () => {
  for (const [kind, view] of views) {
    it(`a ${kind} offers no menu and cannot be dragged out into a tab that Quick exit would not reach`, async () => {
      const { container } = render(
        <I18nextProvider i18n={await testI18n()}>
          <AttachmentPreview name="photo.jpg" file={{ view, download }} />
        </I18nextProvider>,
      );
      const shown = container.querySelector('img, audio, video');
      if (!shown) throw new Error(`no ${kind} shown`);
      expect(shown.getAttribute('draggable')).toBe('false');
      const menu = createEvent.contextMenu(shown);
      fireEvent(shown, menu);
      expect(menu.defaultPrevented).toBe(true);
      const drag = createEvent.dragStart(shown);
      fireEvent(shown, drag);
      expect(drag.defaultPrevented).toBe(true);
      if (kind === 'video') {
        expect(shown.hasAttribute('disablepictureinpicture')).toBe(true);
        expect(shown.getAttribute('controlslist')).toContain('nodownload');
      }
      // Saving a copy stays possible, as bytes to save rather than a page to show.
      const save = container.querySelector('a[download]');
      expect(save?.getAttribute('href')).toBe(download.url);
      expect(save?.getAttribute('type')).toBe('application/octet-stream');
    });
  }
});
