/**
 * Screenshots of a running site, for looking at pages while developing:
 *   node scripts/screenshot.ts http://localhost:3000/ out.png [width]
 */
import { chromium } from 'playwright-core';

const [url = 'http://localhost:3000/', out = 'screenshot.png', width = '1280'] =
  process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({
  viewport: { width: Number(width), height: 900 },
});
await page.goto(url);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(`saved ${out}`);
