import { lazy, useState, type ComponentType } from 'react';

/**
 * React.lazy that can be loaded ahead. Once `preload` has resolved, the component renders at
 * once: React.lazy alone suspends on its first render even when the code is already here, and
 * React then holds the revealed screen back (up to 300 ms) behind its loading fallback.
 */
export function preloadableLazy<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
): { Component: ComponentType<Props>; preload: () => Promise<void>; loaded: () => boolean } {
  let loaded: ComponentType<Props> | undefined;
  const remember = async () => {
    loaded ??= await load();
    return loaded;
  };
  const Lazy = lazy(async () => ({ default: await remember() }));
  function Component(props: Props) {
    // Chosen once per mount: a screen that started through React.lazy keeps it, since switching
    // the element type under it would mount it again and lose what is on it.
    const [Chosen] = useState<ComponentType<Props>>(() => loaded ?? Lazy);
    return <Chosen {...props} />;
  }
  return {
    Component,
    preload: async () => {
      await remember();
    },
    loaded: () => loaded !== undefined,
  };
}
