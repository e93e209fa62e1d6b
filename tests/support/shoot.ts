// Ad-hoc screenshot tool: `tsx tests/support/shoot.ts <url> <out.png> <w> <h> [waitMs]`.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

const [url, out, w = '1920', h = '1080', wait = '6000'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS],
});
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) }, deviceScaleFactor: 1 });
const errors: string[] = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
await page.goto(url!);
await page.waitForTimeout(Number(wait));
await page.screenshot({ path: out! });
process.stdout.write(`${out} errors=${JSON.stringify(errors)}\n`);
await browser.close();
