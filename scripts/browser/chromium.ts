/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Headless Chromium (Debian's package, installed by .ci/run) through playwright-core, and the page
 * checks the browser tests share: layout overflow, truncated headers, axe-core.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from './store';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export class ChromiumMissingError extends Error {
  public constructor() {
    super(`Chromium is not installed at ${CHROMIUM}. Install it with: apt-get install chromium (or set CHROMIUM_PATH).`);
    this.name = 'ChromiumMissingError';
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new ChromiumMissingError();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  });
}

/**
 * Every element of the page, inside every (synthetic) shadow root too: under synthetic shadow a
 * document-level query sees only the document's own tree, as it would in Lightning Experience.
 * And the page's fetches still unanswered, which settle waits for: Chromium's own network-idle
 * signal also waits on what the harness never asked for, and once never came in CI.
 */
export const PAGE_PROBES_SCRIPT = `window.__deepElements = function (root) {
  const out = [];
  const visit = (node) => {
    for (const element of node.querySelectorAll('*')) {
      out.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(root || document);
  return out;
};
window.__pendingFetches = new Map();
(function () {
  const fetch = window.fetch.bind(window);
  let next = 0;
  window.fetch = function (input, init) {
    const id = ++next;
    window.__pendingFetches.set(id, String(input && input.url ? input.url : input));
    return fetch(input, init).finally(() => window.__pendingFetches.delete(id));
  };
})();`;

type DeepWindow = { __deepElements: () => Element[]; __pendingFetches: Map<number, string> };

export class PageNotSettledError extends Error {
  public constructor(pending: string[]) {
    super(
      pending.length > 0
        ? `The page did not settle: no answer to ${pending.join(', ')}. Check the harness server's log for the request.`
        : 'The page did not settle: a spinner is still shown with no request pending.'
    );
    this.name = 'PageNotSettledError';
  }
}

/** Waits until the page has loaded, the harness has answered every request and no spinner is shown. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load', { timeout: 120_000 });
  try {
    // Quiet at two polls in a row: an answer that starts the next request (the next page of a wire) is not the end.
    await page.waitForFunction(
      () => {
        const win = window as unknown as DeepWindow & { __quietPolls?: number };
        const quiet = win.__pendingFetches.size === 0 && !win.__deepElements().some((element) => element.tagName === 'LIGHTNING-SPINNER');
        win.__quietPolls = quiet ? (win.__quietPolls ?? 0) + 1 : 0;
        return win.__quietPolls >= 2;
      },
      undefined,
      { timeout: 60_000, polling: 100 }
    );
  } catch (error) {
    const pending = await page.evaluate(() => [...(window as unknown as DeepWindow).__pendingFetches.values()]).catch(() => []);
    throw Object.assign(new PageNotSettledError(pending), { cause: error });
  }
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

export type Overflow = { element: string; right: number };

/**
 * Elements that reach past the viewport's right edge and are not inside a scroll container that clips
 * them (a scroller of its own is fine: the page does not scroll sideways).
 */
export function overflowingElements(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const parentOf = (element: Element): Element | null => element.parentElement ?? ((element.getRootNode() as ShadowRoot).host || null);
    const clipped = (element: Element): boolean => {
      for (let parent = parentOf(element); parent; parent = parentOf(parent)) {
        const style = getComputedStyle(parent);
        if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX) && parent.getBoundingClientRect().right <= width + 1)
          return true;
      }
      return false;
    };
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\s+/).join('.') : ''}`;
    return (window as unknown as DeepWindow)
      .__deepElements()
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return (
          box.width > 0 && box.height > 0 && box.right > width + 1 && !clipped(element) && getComputedStyle(element).visibility !== 'hidden'
        );
      })
      .map((element) => ({ element: describe(element), right: Math.round(element.getBoundingClientRect().right) }));
  });
}

/** Header cells (th, role=columnheader, across shadow roots) whose text is cut off: wider than its box. */
export function truncatedHeaders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const parentOf = (element: Element): Element | null => element.parentElement ?? ((element.getRootNode() as ShadowRoot).host || null);
    const inHeader = (element: Element): boolean => {
      for (let node: Element | null = element; node; node = parentOf(node)) {
        if (node.tagName === 'TH' || node.getAttribute('role') === 'columnheader') return true;
      }
      return false;
    };
    // Screen-reader-only text (assistive text, a stacked table's clipped header row) is read whole, never seen cut off.
    const hidden = (element: Element): boolean => {
      for (let node: Element | null = element; node; node = parentOf(node)) {
        const style = getComputedStyle(node);
        const visuallyHidden = style.position === 'absolute' && style.clip !== 'auto' && style.clip !== '';
        if (node.classList.contains('slds-assistive-text') || style.display === 'none' || visuallyHidden) return true;
      }
      return false;
    };
    return (window as unknown as DeepWindow)
      .__deepElements()
      .filter((element) => {
        const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim());
        if (element.tagName === 'TH' && element.scrollWidth > element.clientWidth + 1 && !hidden(element)) return true;
        return ownText && inHeader(element) && element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1 && !hidden(element);
      })
      .map((element) => (element.textContent ?? '').trim());
  });
}

export type AxeViolation = { id: string; impact: string; help: string; nodes: string[] };

/** axe-core's serious and critical violations on the page. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object
          ) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' '))
      }));
  });
}

export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'reports', 'console');
