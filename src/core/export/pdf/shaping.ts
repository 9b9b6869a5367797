// HarfBuzz (compiled to WebAssembly) shapes the report's text: Arabic joining, Indic
// reordering and conjuncts, marks placed by the font. fontkit's own shapers were tried first:
// its Indic and Universal shapers fail outright in @pdf-lib/fontkit's build ("regeneratorRuntime
// is not defined"), and it applies no mark positioning through pdf-lib. Loaded on first use, so
// only the PDF worker ever fetches it.

import type * as HarfBuzzModule from 'harfbuzzjs';
import type { Font } from 'harfbuzzjs';

export type HarfBuzz = typeof HarfBuzzModule;
export type HbFont = Font;

let loading: Promise<HarfBuzz> | undefined;

export function loadHarfBuzz(): Promise<HarfBuzz> {
  loading ??= import('harfbuzzjs');
  return loading;
}
