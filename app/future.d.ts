import '@remix-run/node'

// Single fetch is on (remix.config.js); this gives loaders and actions its return types.
declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}
