/**
 * The one place the project says how it starts Chromium: Debian's build (no
 * downloaded browser on these machines) with the flags a headless, offline,
 * GPU-less box needs. Browser tests, benchmarks and the screenshot tool share it,
 * so a flag added for one is not missing from the others.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
