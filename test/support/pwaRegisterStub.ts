// vite-plugin-pwa provides 'virtual:pwa-register/react' only when the app is built; unit tests
// resolve it here and mock it (vi.mock) where a test renders the registration.
export function useRegisterSW(): never {
  throw new Error('virtual:pwa-register/react is not available in unit tests: mock it');
}
