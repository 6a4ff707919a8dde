/**
 * The console in headless Chromium: compiled against the open-source base components and SLDS, with the
 * harness answering from the sample data. Every tab at desktop and phone width, then the key workflows.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildConsole } from '../build';
import { startHarnessServer, type HarnessServer } from '../server';
import {
  axeViolations,
  DEEP_ELEMENTS_SCRIPT,
  launchChromium,
  overflowingElements,
  SCREENSHOT_DIR,
  settle,
  truncatedHeaders
} from '../chromium';

// Building the console and driving Chromium on a shared 2-core machine: minutes, not seconds.
jest.setTimeout(180_000);

let browser: Browser;
let server: HarnessServer;
const TABS = ['RACI', 'Risks', 'Decisions', 'Health', 'Integrations'];

beforeAll(async () => {
  const dir = await buildConsole({ production: false });
  server = await startHarnessServer(dir);
  browser = await launchChromium();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page on a fresh copy of the sample data; page errors collected. */
async function open(width: number, options: { raciScale?: { areas: number; people: number }; permissions?: string[] } = {}) {
  await fetch(new URL('/__harness/reset', server.url), { method: 'POST', body: JSON.stringify(options) });
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.addInitScript(DEEP_ELEMENTS_SCRIPT);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(server.url);
  await settle(page);
  return { page, errors };
}

async function showTab(page: Page, tab: string): Promise<void> {
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await settle(page);
}

describe.each([1440, 390])('every tab at %i px', (width) => {
  it.each(TABS)('%s: no page error, nothing wider than the viewport, no cut-off header, no serious axe violation', async (tab) => {
    const { page, errors } = await open(width);
    try {
      await showTab(page, tab);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${tab.toLowerCase()}-${width}.png`), fullPage: true });
      expect(errors).toEqual([]);
      expect(await overflowingElements(page)).toEqual([]);
      expect(await truncatedHeaders(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('risk heat map', () => {
  it('keeps each level colour when its row is hovered and its cell focused', async () => {
    const { page, errors } = await open(1440);
    try {
      await showTab(page, 'Risks');
      const cells = page.locator('c-risk-heat-map td.heat-cell button');
      expect(await cells.count()).toBe(25);
      const colourOf = (index: number) => cells.nth(index).evaluate((button) => getComputedStyle(button).backgroundColor);
      const before = await Promise.all([0, 4, 13, 20].map(colourOf));
      // Medium (5 × 1), Critical (5 × 5), High (3 × 4), Low (1 × 1): four levels, four colours.
      expect(new Set(before).size).toBe(4);
      for (const [i, index] of [0, 4, 13, 20].entries()) {
        await cells.nth(index).hover();
        expect(await colourOf(index)).toBe(before[i]);
        await cells.nth(index).focus();
        expect(await colourOf(index)).toBe(before[i]);
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('filters the register to the risks of a clicked cell, and clears the filter', async () => {
    const { page, errors } = await open(1440);
    try {
      await showTab(page, 'Risks');
      const count = page.locator('c-risk-register .count');
      const all = await count.textContent();
      // Residual likelihood 2 × impact 4: three sample risks.
      await page.locator('c-risk-heat-map button[data-likelihood="2"][data-impact="4"]').click();
      await settle(page);
      expect(await count.textContent()).toBe('Showing 3 of 3 risks');
      expect(await page.locator('c-risk-register .cell-filter').textContent()).toContain('2');
      await page.locator('c-risk-register .clear-cell-filter button').click();
      await settle(page);
      expect(await count.textContent()).toBe(all);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('decision wizard', () => {
  it('walks the tree to a Proposed decision that the log then lists', async () => {
    const { page, errors } = await open(1440);
    try {
      await showTab(page, 'Decisions');
      const wizard = page.locator('c-decision-wizard');
      await wizard.locator('.revenue label', { hasText: 'Yes' }).click();
      await wizard.locator('.next button').click();
      await wizard.locator('.access label', { hasText: 'Yes' }).click();
      await wizard.locator('.next button').click();
      expect(await wizard.locator('.lead-badge').textContent()).toBe('Joint');
      await wizard.locator('.title input').fill('Browser-tested decision');
      await wizard.locator('.owner button[role="combobox"], .owner input[role="combobox"]').first().click();
      await wizard.locator('.owner [role="option"]', { hasText: 'Grace Hopper' }).click();
      await wizard.locator('.create button').click();
      await settle(page);
      expect(await page.locator('#toasts').textContent()).toMatch(/DEC-\d+/);
      await expect(page.locator('c-decision-log .decision-title', { hasText: 'Browser-tested decision' }).count()).resolves.toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
