import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { AuditEntry } from '@futian/shared';
import { api } from './accounts.js';

/**
 * The duty console as the browser tests drive it: sign in through the form,
 * open a console already signed in (a session cookie from setUpConsole), wait
 * for toasts, and read the audit trail as the auditor does (REST).
 */
export const SHOTS = path.resolve(import.meta.dirname, '../../artifacts/screenshots');

/** Refusals (4xx) are answers the page shows; Chromium logs each as a console error. */
export const unexpected = (errors: string[]): string[] => errors.filter((e) => !/status of 4\d\d/.test(e));

/** Waits for a toast of that kind with that text (earlier toasts may still be showing). */
export async function toast(page: Page, kind: 'ok' | 'error', text: string): Promise<void> {
  await page.locator(`[data-toast=${kind}]`, { hasText: text }).first().waitFor({ timeout: 10_000 });
}

/** Fills and sends the name and password form (the first step). */
export async function submitSignIn(page: Page, name: string, password: string): Promise<void> {
  await page.locator('[data-signin]').waitFor({ timeout: 15_000 });
  await page.fill('[data-signin] input[name=name]', name);
  await page.fill('[data-signin] input[name=password]', password);
  await page.click('[data-signin] button[type=submit]');
}

/** Signs in through the form and waits for the console of an account with nothing pending. */
export async function signIn(page: Page, name: string, password: string): Promise<void> {
  await submitSignIn(page, name, password);
  await page.locator('.console[data-phase=ready]').waitFor({ timeout: 15_000 });
}

export interface ConsolePage {
  page: Page;
  /** Uncaught exceptions and console errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * A console page in a browser context of its own (its own cookie jar, as on
 * another PC), signed in with a session cookie from setUpConsole: the sign-in
 * form is tested elsewhere, and every test need not type passwords.
 */
export async function openConsoleAs(
  browser: Browser,
  url: string,
  cookie: string,
  width = 1600,
  height = 1000,
  query = '',
  context: Omit<BrowserContextOptions, 'viewport' | 'deviceScaleFactor'> = {},
): Promise<ConsolePage> {
  const ctx = await browser.newContext({ ...context, viewport: { width, height }, deviceScaleFactor: 1 });
  const [name, ...rest] = cookie.split('=');
  await ctx.addCookies([{ name: name!, value: rest.join('='), url, httpOnly: true, sameSite: 'Strict' }]);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${url}/console${query}`);
  await page.locator('.console[data-phase=ready]').waitFor({ timeout: 15_000 });
  return { page, errors, close: () => ctx.close() };
}

/** A fresh console page in a context of its own, at the sign-in form. */
export async function openConsole(browser: Browser, url: string, width = 1600, height = 1000, query = ''): Promise<ConsolePage> {
  const ctx = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${url}/console${query}`);
  return { page, errors, close: () => ctx.close() };
}

/** The audit trail as the auditor reads it (GET /api/audit), newest first. */
export async function auditRows(url: string, auditorCookie: string, filter: Record<string, string> = {}): Promise<AuditEntry[]> {
  const q = new URLSearchParams({ limit: '1000', ...filter }).toString();
  const r = await api(url, 'GET', `/api/audit?${q}`, auditorCookie);
  if (r.status !== 200) throw new Error(`GET /api/audit: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.rows as AuditEntry[];
}

/** Waits until the trail has a row of that action (by that actor, if given) with outcome ok, and returns the newest. */
export async function auditedRow(url: string, auditorCookie: string, action: string, actor?: string, timeout = 5_000): Promise<AuditEntry> {
  const start = Date.now();
  for (;;) {
    const row = (await auditRows(url, auditorCookie, { action, ...(actor ? { actor } : {}) })).find((r) => r.outcome === 'ok');
    if (row) return row;
    if (Date.now() - start > timeout) throw new Error(`no audit row ${action}${actor ? ` by ${actor}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
