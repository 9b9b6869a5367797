import { createContext } from 'react';
import type { BrowserKind } from '../../core/device/browserKind';

/**
 * Which browser Daybook runs in, when someone says so: tests provide it to show a screen as on
 * an iPhone. Without a provider (the app), useBrowserKind reads the browser itself.
 */
export const BrowserKindContext = createContext<BrowserKind | null>(null);
