/**
 * What the server (app/server) hands every loader and action beside the request: the CSP nonce
 * of this response and the value of this browser's form-token cookie (set by the server on this
 * very response when the browser had none). Tests that call loaders as functions pass `{}`.
 */
declare module '@remix-run/node' {
  interface AppLoadContext {
    nonce?: string
    csrf?: string
  }
}

export {}
