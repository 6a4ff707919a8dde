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
  PAGE_PROBES_SCRIPT,
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
const TABS = ['RACI', 'Risks', 'Decisions', 'Health', 'Integrations', 'Operating model'];

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
/**
 * 18:00 on the harness's today (its TODAY()) where the console's user is: America/Los_Angeles, the base
 * components' @salesforce/i18n/timeZone, UTC-8 in November. In UTC it is already the next day, which the
 * validation rules would take for a date in the future.
 */
const userEvening = () => new Date(server.store.today.getTime() + 26 * 3_600_000);

async function open(width: number, options: { raciScale?: { areas: number; people: number }; permissions?: string[]; clock?: Date } = {}) {
  const { clock, ...storeOptions } = options;
  await fetch(new URL('/__harness/reset', server.url), { method: 'POST', body: JSON.stringify(storeOptions) });
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  // The page's today as the harness's (TODAY() in formulas and validation rules), where a test writes dates.
  if (clock) await page.clock.setFixedTime(clock);
  await page.addInitScript(PAGE_PROBES_SCRIPT);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(server.url, { timeout: 120_000 });
  await settle(page);
  return { page, errors };
}

/** Tabs on a desktop; on a phone the section picker that replaces them. */
async function showTab(page: Page, tab: string): Promise<void> {
  if ((page.viewportSize()?.width ?? 1440) <= 480) {
    await page.locator('.section-picker button[role="combobox"], .section-picker input[role="combobox"]').first().click();
    await page.locator('.section-picker [role="option"]', { hasText: tab }).click();
  } else {
    await page.getByRole('tab', { name: tab, exact: true }).click();
  }
  await settle(page);
}

describe.each([1440, 390])('every tab at %i px', (width) => {
  it.each(TABS)('%s: no page error, nothing wider than the viewport, no cut-off header, no serious axe violation', async (tab) => {
    const { page, errors } = await open(width);
    try {
      await showTab(page, tab);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${tab.toLowerCase().replace(/\s+/g, '-')}-${width}.png`), fullPage: true });
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

/** Walks the wizard to a Proposed, Joint-led decision with this title, owned by Grace Hopper. */
async function proposeDecision(page: Page, title: string): Promise<void> {
  const wizard = page.locator('c-decision-wizard');
  await wizard.locator('.revenue label', { hasText: 'Yes' }).click();
  await wizard.locator('.next button').click();
  await wizard.locator('.access label', { hasText: 'Yes' }).click();
  await wizard.locator('.next button').click();
  await wizard.locator('.title input').fill(title);
  await wizard.locator('.owner button[role="combobox"], .owner input[role="combobox"]').first().click();
  await wizard.locator('.owner [role="option"]', { hasText: 'Grace Hopper' }).click();
  await wizard.locator('.create button').click();
  await settle(page);
}

/** Picks an option of a lightning-combobox (or the harness's record picker) inside `scope`. */
async function pick(scope: ReturnType<Page['locator']>, option: string | RegExp): Promise<void> {
  await scope.locator('button[role="combobox"], input[role="combobox"]').first().click();
  await scope.locator('[role="option"]', { hasText: option }).first().click();
}

describe('decision lifecycle in the log', () => {
  // By the record's id: the sample data and the log's fixtures share decision names and titles.
  const idOf = (title: string) => [...server.store.table('Decision__c').values()].find((record) => record.Title__c === title)!.Id;
  const decision = (page: Page, title: string) =>
    page.locator('c-decision-log li.decision').filter({ has: page.locator(`a.decision-link[data-id="${idOf(title)}"]`) });
  const badge = (page: Page, title: string) => decision(page, title).locator('.decision-header span.slds-badge');

  it('accepts a new decision, then supersedes an older one with it: both links and the old status at once', async () => {
    const { page, errors } = await open(1440, { permissions: ['Ownership_Console_Accept_Risk'] });
    try {
      await showTab(page, 'Decisions');
      await proposeDecision(page, 'Browser lifecycle decision');
      expect(await badge(page, 'Browser lifecycle decision').textContent()).toBe('Proposed');
      await decision(page, 'Browser lifecycle decision').locator('.manage button').click();
      await decision(page, 'Browser lifecycle decision').locator('c-decision-actions .action-accepted button').click();
      await settle(page);
      expect(await badge(page, 'Browser lifecycle decision').textContent()).toBe('Accepted');

      const older = 'Forecast categories follow the stage probability table';
      await decision(page, older).locator('.manage button').click();
      await pick(decision(page, older).locator('c-decision-actions .successor'), 'Browser lifecycle decision');
      await decision(page, older).locator('c-decision-actions .supersede button').click();
      await settle(page);
      expect(await badge(page, older).textContent()).toBe('Superseded');
      const newName = (await decision(page, 'Browser lifecycle decision').locator('.decision-link').textContent())!;
      const oldName = (await decision(page, older).locator('.decision-link').textContent())!;
      expect(await decision(page, older).locator('.superseded-by a').textContent()).toBe(newName);
      expect(await decision(page, 'Browser lifecycle decision').locator('.supersedes a').textContent()).toBe(oldName);
      // The records agree both ways, as the validation rules require.
      const records = [...server.store.table('Decision__c').values()];
      const saved = records.find((record) => record.Title__c === 'Browser lifecycle decision')!;
      const old = records.find((record) => record.Title__c === older)!;
      expect({ status: saved.Status__c, supersedes: saved.Supersedes__c }).toEqual({ status: 'Accepted', supersedes: old.Id });
      expect({ status: old.Status__c, supersededBy: old.Superseded_By__c }).toEqual({ status: 'Superseded', supersededBy: saved.Id });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('offers no Accept to a user without the permission, who may still reject', async () => {
    const { page, errors } = await open(1440, { permissions: [] });
    try {
      await showTab(page, 'Decisions');
      const proposed = 'Which CRM fields AI features may read';
      await decision(page, proposed).locator('.manage button').click();
      const actions = decision(page, proposed).locator('c-decision-actions');
      expect(await actions.locator('.action-accepted').count()).toBe(0);
      expect(await actions.locator('.no-accept').textContent()).toContain('Accept Risks and Decisions');
      await actions.locator('.action-rejected button').click();
      await settle(page);
      expect(await badge(page, proposed).textContent()).toBe('Rejected');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('risks from the console', () => {
  it('creates a risk from a health finding, keyed by the finding, and the register lists it', async () => {
    const { page, errors } = await open(1440, { permissions: [] });
    try {
      await showTab(page, 'Health');
      const health = page.locator('c-health-overview');
      await health.locator('tr.finding', { hasText: 'gov.review-overdue' }).locator('.create-risk button').click();
      const form = health.locator('c-risk-form');
      expect(await form.locator('.source-ref input').inputValue()).toBe('gov.review-overdue:Governance_Area__c:REVENUE.STAGES');
      // Without the permission, Accept is not a treatment the form offers.
      await form.locator('.treatment button[role="combobox"], .treatment input[role="combobox"]').first().click();
      expect(await form.locator('.treatment [role="option"]').count()).toBe(3);
      expect(await form.locator('.treatment [role="option"]', { hasText: 'Accept' }).count()).toBe(0);
      await form.locator('.treatment [role="option"]', { hasText: 'Mitigate' }).click();
      await pick(form.locator('.owner'), 'Grace Hopper');
      await form.locator('.create button').click();
      await settle(page);
      expect(await health.locator('c-risk-form').count()).toBe(0);
      expect(await page.locator('#toasts').textContent()).toContain('created');
      const risk = [...server.store.table('Risk__c').values()].find(
        (record) => record.Source_Ref__c === 'gov.review-overdue:Governance_Area__c:REVENUE.STAGES'
      )!;
      expect(risk).toMatchObject({ Name: 'Areas, risks or decisions past their review date: REVENUE.STAGES', Treatment__c: 'Mitigate' });
      await showTab(page, 'Risks');
      expect(await page.locator('c-risk-register').textContent()).toContain('REVENUE.STAGES');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('creates a risk from the New risk button and the register counts it', async () => {
    const { page, errors } = await open(1440);
    try {
      await showTab(page, 'Risks');
      const count = async () => Number(/of (\d+)/.exec((await page.locator('c-risk-register .count').textContent()) ?? '')?.[1]);
      const before = await count();
      await page.locator('c-ownership-console .new-risk button').first().click();
      const form = page.locator('c-ownership-console c-risk-form');
      await form.locator('.name input').fill('Browser-created risk');
      await pick(form.locator('.owner'), 'Grace Hopper');
      await form.locator('.create button').click();
      await settle(page);
      expect(await count()).toBe(before + 1);
      expect(await page.locator('c-risk-register').textContent()).toContain('Browser-created risk');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('marking an area reviewed', () => {
  it("sets the area's Last Reviewed to the user's today from its review finding", async () => {
    const { page, errors } = await open(1440, { clock: userEvening() });
    try {
      await showTab(page, 'Health');
      await page.locator('c-health-overview tr.finding', { hasText: 'gov.review-overdue' }).locator('.mark-reviewed button').click();
      await settle(page);
      expect(server.store.get('Governance_Area__c', 'a01000000000003AAA')?.Last_Reviewed__c).toBe(
        server.store.today.toISOString().slice(0, 10)
      );
      expect(await page.locator('#toasts').textContent()).toContain('marked reviewed');
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

describe('RACI matrix at 300 areas × 60 people', () => {
  it('keeps the header and area column in view, sorts people naturally, filters by person and pages from the top', async () => {
    const { page, errors } = await open(1440, { raciScale: { areas: 300, people: 60 } });
    try {
      const matrix = page.locator('c-raci-matrix');
      const peopleShown = async () =>
        (await matrix.locator('thead .raci-person').allTextContents())
          .filter((name) => /^Person \d+/.test(name))
          .map((name) => Number(/\d+/.exec(name)![0]));
      const scale = await peopleShown();
      expect(scale[0]).toBe(1);
      expect(scale).toEqual([...scale].sort((a, b) => a - b));
      expect(await matrix.locator('.raci-legend').textContent()).toContain('Accountable');
      // Every person is a column of the grid; only those in view (and a few beside) are rendered.
      const people = Number(await matrix.locator('.raci-grid').getAttribute('aria-colcount')) - 1;
      expect(people).toBeGreaterThanOrEqual(60);
      expect(scale.length).toBeLessThan(people / 2);
      /** The scroller's visible width right of the area column is covered by rendered person headers. */
      const viewCovered = () =>
        matrix.locator('.raci-scroller').evaluate((scroller) => {
          const from = scroller.querySelector('th.raci-area-header')!.getBoundingClientRect().right;
          const to = scroller.getBoundingClientRect().left + scroller.clientWidth;
          const spans = [...scroller.querySelectorAll('thead th.raci-col')]
            .map((header) => header.getBoundingClientRect())
            .sort((a, b) => a.left - b.left);
          let reached = from;
          for (const span of spans) if (span.left <= reached + 1) reached = Math.max(reached, span.right);
          return reached >= to - 1;
        });
      expect(await viewCovered()).toBe(true);

      // Scrolled right and down inside the card: the header row and the area column stay in place.
      const scroller = matrix.locator('.raci-scroller');
      const corner = matrix.locator('thead th.raci-area-header');
      const firstArea = matrix.locator('tbody th.raci-area').first();
      const before = { corner: await corner.boundingBox(), area: await firstArea.boundingBox() };
      await scroller.evaluate((element) => element.scrollTo(2000, 300));
      await settle(page);
      const after = { corner: await corner.boundingBox(), area: await firstArea.boundingBox() };
      const scrolled = await peopleShown();
      expect(scrolled[0]).toBeGreaterThan(1);
      expect(scrolled).toEqual([...scrolled].sort((a, b) => a - b));
      expect(await viewCovered()).toBe(true);
      // Within a pixel (the sticky cell's border).
      expect(Math.abs(after.corner!.y - before.corner!.y)).toBeLessThanOrEqual(1);
      expect(Math.abs(after.corner!.x - before.corner!.x)).toBeLessThanOrEqual(1);
      expect(Math.abs(after.area!.x - before.area!.x)).toBeLessThanOrEqual(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);

      await matrix.locator('.next button').click();
      await settle(page);
      expect(await matrix.locator('.page-text').textContent()).toMatch(/^Page 2 of /);
      expect(await scroller.evaluate((element) => element.scrollTop)).toBe(0);

      await matrix.locator('.person-filter button[role="combobox"], .person-filter input[role="combobox"]').first().click();
      await matrix.locator('.person-filter [role="option"]', { hasText: /^Person 2$/ }).click();
      await settle(page);
      expect(await matrix.locator('thead .raci-person').allTextContents()).toEqual(['Person 2']);
      expect(await matrix.locator('tbody tr').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('is one tab stop, moved with the arrow keys', async () => {
    const { page, errors } = await open(1440, { raciScale: { areas: 300, people: 60 } });
    try {
      const matrix = page.locator('c-raci-matrix');
      expect(await matrix.locator('.raci-grid [tabindex="0"]').count()).toBe(1);
      // Everything focusable inside the grid is reached through the grid's single stop.
      const tabbable = await matrix.locator('.raci-grid button:not([tabindex="-1"]), .raci-grid [tabindex="0"]').count();
      expect(tabbable).toBe(1);
      await matrix.locator('.raci-grid [tabindex="0"]').focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
      const focused = await page.evaluate(() => {
        let element: Element | null = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        return element ? { row: element.getAttribute('data-row'), col: element.getAttribute('data-col') } : null;
      });
      expect(focused).toEqual({ row: '1', col: '1' });
      expect(await matrix.locator('.raci-grid [tabindex="0"]').count()).toBe(1);

      // End reaches the last person, whose column was not rendered before: it is now, in view, and focused.
      await page.keyboard.press('End');
      await settle(page);
      const people = Number(await matrix.locator('.raci-grid').getAttribute('aria-colcount')) - 1;
      const last = await page.evaluate(() => {
        let element: Element | null = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        const scroller = element!.closest('.raci-scroller')!.getBoundingClientRect();
        const cell = element!.getBoundingClientRect();
        return { col: element!.getAttribute('data-col'), inView: cell.left >= scroller.left && cell.right <= scroller.right + 1 };
      });
      expect(last).toEqual({ col: String(people), inView: true });
      expect(await matrix.locator('.raci-grid [tabindex="0"]').count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('accepting a risk', () => {
  async function acceptFirstRisk(page: Page): Promise<void> {
    await showTab(page, 'Risks');
    const register = page.locator('c-risk-register');
    await register.locator('lightning-primitive-cell-actions button').first().click();
    await register.locator('[role="menuitem"]').first().click();
    await register.locator('.treatment button[role="combobox"], .treatment input[role="combobox"]').first().click();
    await register.locator('.treatment [role="option"]', { hasText: 'Accept' }).click();
    const decision = register.locator('.acceptance-decision');
    await decision.locator('button[role="combobox"], input[role="combobox"]').first().click();
    await decision.locator('[role="option"]').first().click();
    await register.locator('.edit-save button').click();
    await settle(page);
  }

  it('accepts under a picked decision when the user holds the accept permission', async () => {
    const { page, errors } = await open(1440, { permissions: ['Ownership_Console_Accept_Risk'] });
    try {
      await acceptFirstRisk(page);
      const register = page.locator('c-risk-register');
      expect(await register.locator('.edit-panel').count()).toBe(0);
      expect(await register.locator('tbody tr').first().textContent()).toContain('Accept');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  /** The New risk form filled to accept, with the decision recorded in place ("New decision") filled in. */
  async function acceptUnderNewDecision(page: Page, risk: string, riskOwner: string, decisionOwner: string) {
    await showTab(page, 'Risks');
    await page.locator('c-ownership-console .new-risk button').first().click();
    const form = page.locator('c-ownership-console c-risk-form');
    await form.locator('.name input').fill(risk);
    await pick(form.locator('.owner'), riskOwner);
    await pick(form.locator('.treatment'), 'Accept');
    await form.locator('.new-decision label').click();
    const decision = form.locator('c-acceptance-decision-form');
    await decision.locator('.decision-title input').fill(`Accept ${risk}`);
    await pick(decision.locator('.decision-owner'), decisionOwner);
    await decision.locator('.decision-expires input').fill('May 31, 2027');
    await decision.locator('.decision-expires input').press('Tab');
    return form;
  }
  const decisionsTitled = (title: string) => [...server.store.table('Decision__c').values()].filter((record) => record.Title__c === title);

  it('accepts a risk under a decision created in place', async () => {
    const { page, errors } = await open(1440, { permissions: ['Ownership_Console_Accept_Risk'], clock: userEvening() });
    try {
      const form = await acceptUnderNewDecision(page, 'Browser waiver in place', 'Grace Hopper', 'Ivy Platform');
      // The risk owner is not offered as the decision's owner (Acceptance_Decision_Not_Own).
      const owners = form.locator('c-acceptance-decision-form .decision-owner');
      await owners.locator('button[role="combobox"], input[role="combobox"]').first().click();
      expect(await owners.locator('[role="option"]', { hasText: 'Grace Hopper' }).count()).toBe(0);
      await owners.locator('[role="option"]', { hasText: 'Ivy Platform' }).first().click();
      expect(await axeViolations(page)).toEqual([]);
      await form.locator('.create button').click();
      await settle(page);
      expect(await page.locator('c-ownership-console c-risk-form').count()).toBe(0);
      const [decision] = decisionsTitled('Accept Browser waiver in place');
      const ivy = [...server.store.table('User').values()].find((user) => user.Name === 'Ivy Platform')!;
      expect(decision).toMatchObject({
        Status__c: 'Accepted',
        Decision_Owner__c: ivy.Id,
        Decided_On__c: server.store.today.toISOString().slice(0, 10),
        Expires_On__c: '2027-05-31'
      });
      const risk = [...server.store.table('Risk__c').values()].find((record) => record.Name === 'Browser waiver in place')!;
      expect(risk).toMatchObject({ Treatment__c: 'Accept', Acceptance_Decision__c: decision.Id });
      expect(await page.locator('c-risk-register').textContent()).toContain('Browser waiver in place');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('deletes the decision created in place when the validation rule refuses the risk, and keeps the form', async () => {
    const { page, errors } = await open(1440, { permissions: ['Ownership_Console_Accept_Risk'], clock: userEvening() });
    try {
      const form = await acceptUnderNewDecision(page, 'Browser self-accepted risk', 'Grace Hopper', 'Ivy Platform');
      // The risk owner changed after the decision owner was chosen: now both are Ivy.
      await pick(form.locator('.owner'), 'Ivy Platform');
      await form.locator('.create button').click();
      await settle(page);
      expect(await form.locator('c-error-panel h2').textContent()).toBe('The risk was not created.');
      await form.locator('c-error-panel lightning-button-stateful button').click();
      expect(await form.locator('c-error-panel .error-details').textContent()).toContain(
        'The acceptance decision must be owned by someone other than the risk owner.'
      );
      expect(decisionsTitled('Accept Browser self-accepted risk')).toEqual([]);
      expect([...server.store.table('Risk__c').values()].some((record) => record.Name === 'Browser self-accepted risk')).toBe(false);
      expect(await form.locator('.name input').inputValue()).toBe('Browser self-accepted risk');
      expect(await form.locator('c-acceptance-decision-form .decision-title input').inputValue()).toBe('Accept Browser self-accepted risk');
      // Chromium logs the one refused write (the risk's 400) itself; nothing else went wrong, the undo included.
      expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    } finally {
      await page.close();
    }
  });

  it('accepts a risk in the register under a decision recorded in its edit panel', async () => {
    const { page, errors } = await open(1440, { permissions: ['Ownership_Console_Accept_Risk'], clock: userEvening() });
    try {
      await showTab(page, 'Risks');
      const register = page.locator('c-risk-register');
      const riskName = (await register.locator('tbody tr').first().locator('th').textContent())?.trim() ?? '';
      await register.locator('lightning-primitive-cell-actions button').first().click();
      await register.locator('[role="menuitem"]').first().click();
      await pick(register.locator('.treatment'), 'Accept');
      await register.locator('.new-decision label').click();
      const decision = register.locator('c-acceptance-decision-form');
      await decision.locator('.decision-title input').fill('Accept from the register');
      // The risk owner is not offered: the first person offered is someone else.
      await decision.locator('.decision-owner').locator('button[role="combobox"], input[role="combobox"]').first().click();
      await decision.locator('.decision-owner [role="option"]').first().click();
      await decision.locator('.decision-expires input').fill('Mar 31, 2027');
      await decision.locator('.decision-expires input').press('Tab');
      expect(await axeViolations(page)).toEqual([]);
      await register.locator('.edit-save button').click();
      await settle(page);
      expect(await register.locator('.edit-panel').count()).toBe(0);
      const [created] = decisionsTitled('Accept from the register');
      expect(created).toMatchObject({
        Status__c: 'Accepted',
        Decided_On__c: server.store.today.toISOString().slice(0, 10),
        Expires_On__c: '2027-03-31'
      });
      const risk = [...server.store.table('Risk__c').values()].find((record) => record.Name === riskName)!;
      expect(risk).toMatchObject({ Treatment__c: 'Accept', Acceptance_Decision__c: created.Id });
      expect(created.Decision_Owner__c).not.toBe(risk.Risk_Owner__c);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('is refused by the validation rule for a user without it, with the rule message shown', async () => {
    const { page } = await open(1440, { permissions: [] });
    try {
      await acceptFirstRisk(page);
      const register = page.locator('c-risk-register');
      expect(await register.locator('.edit-panel').count()).toBe(1);
      expect(await register.locator('.edit-error').textContent()).toBe(
        'Only a holder of the Accept Risks and Decisions permission (Ownership Console Admin) may accept a risk.'
      );
    } finally {
      await page.close();
    }
  });
});

describe('operating scorecard on the Health tab', () => {
  it('lists each target of the latest pushed run with its trend over the runs, spelled out for screen readers', async () => {
    const { page, errors } = await open(390);
    try {
      await showTab(page, 'Health');
      const scorecard = page.locator('c-operating-scorecard');
      expect(await scorecard.locator('tr.metric').count()).toBe(7);
      const mttd = scorecard.locator('tr.metric[data-id="mttd-hours"]');
      expect(await mttd.locator('.value').textContent()).toBe('120 h');
      expect(await mttd.locator('.target').textContent()).toBe('at most 24 h');
      expect(await mttd.locator('.status').textContent()).toBe('Missed');
      expect(await mttd.locator('.trend-text').textContent()).toBe('Improving over 3 runs, oldest first: 140 h, 130 h, 120 h');
      expect(await mttd.locator('.sparkline').getAttribute('aria-hidden')).toBe('true');
      expect(await scorecard.locator('.summary').textContent()).toMatch(/^2 of 7 targets met in the latest run/);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
