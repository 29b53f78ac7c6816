// Screenshot a page as a person sees it, after the widgets have rendered:
//   node scripts/screenshot.mjs URL out.png [width=1200] [height=900] [--full] [--lang=en]
import { chromium } from 'playwright-core';
import { findChromium } from './chromium.mjs';

const [url, out = '.tmp/shot.png', width = '1200', height = '900'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const full = process.argv.includes('--full');
const lang = process.argv.find((a) => a.startsWith('--lang='))?.slice(7);
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) }, locale: lang });
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
page.on('pageerror', (e) => console.log('page error:', e.message));
await page.goto(url, { waitUntil: 'networkidle' });
if (lang) await page.evaluate((l) => (document.documentElement.lang = l), lang);
await page.waitForTimeout(500);
await page.screenshot({ path: out, fullPage: full });
await browser.close();
console.log(out);
