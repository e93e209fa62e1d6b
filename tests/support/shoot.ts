// Ad-hoc screenshot tool: `tsx tests/support/shoot.ts <url> <out.png> <w> <h> [waitMs]`.
import { chromium } from 'playwright-core';

const [url, out, w = '1920', h = '1080', wait = '6000'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
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
