import { chromium, type Browser } from 'playwright-core'

/**
 * Debian's chromium, headless, with no network side channels. playwright-core gives every launch
 * a fresh temporary profile (user-data dir) and removes it on close.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  })
}
