import { createContext, useContext } from 'react'

/**
 * The CSP nonce of the page being rendered (app/server/headers.server.ts): the only inline scripts
 * the browser runs are the ones carrying it, Remix's own. Empty in the browser, which hides
 * nonces from the page once it has checked them.
 */
export const NonceContext = createContext('')

export function useNonce(): string {
  return useContext(NonceContext)
}
