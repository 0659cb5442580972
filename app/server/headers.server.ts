import { randomBytes } from 'node:crypto'

/** A fresh nonce for one response's Content-Security-Policy and its inline scripts. */
export function newNonce(): string {
  return randomBytes(18).toString('base64')
}

/**
 * The Content-Security-Policy of every response, as rows: a directive and why. Report text is
 * third-party content; if markup ever slipped through into a page, no script of its own would run.
 */
function policy(nonce: string, https: boolean): string[][] {
  return [
    // Everything from this server, nothing else: the app fetches no third-party resource.
    ['default-src', "'self'"],
    // Bundles from /build; inline scripts only with this response's nonce (Remix's own).
    ['script-src', "'self'", `'nonce-${nonce}'`],
    // Stylesheets from /build and the page's own nonced rules (quote highlighting without
    // JavaScript); style attributes (bar widths in charts) carry no script.
    ['style-src', "'self'", `'nonce-${nonce}'`],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:'],
    ['object-src', "'none'"],
    // A stray <base> would send relative links and form posts elsewhere.
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    // No other site may frame the app (clickjacking of the write forms).
    ['frame-ancestors', "'none'"],
    ...(https ? [['upgrade-insecure-requests']] : []),
  ]
}

/** Headers on every response, each with why. */
export function securityHeaders(nonce: string, https: boolean): [string, string][] {
  return [
    ['Content-Security-Policy', policy(nonce, https).map((d) => d.join(' ')).join('; ')],
    // Downloads (CSV, Markdown, JSON) are never run as HTML or script because of what they hold.
    ['X-Content-Type-Options', 'nosniff'],
    // frame-ancestors for browsers that predate it.
    ['X-Frame-Options', 'DENY'],
    // Search queries in URLs stay on this site; links out to a report's source send no path.
    ['Referrer-Policy', 'same-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
    ...(https ? [['Strict-Transport-Security', 'max-age=31536000'] as [string, string]] : []),
  ]
}
