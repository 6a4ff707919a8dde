/**
 * The RACI matrix at 300 areas × 60 people in the production build in headless Chromium: how long a
 * page change takes from the click to the next frame (the render and the frame after it).
 */
import { buildConsole } from '../browser/build';
import { startHarnessServer } from '../browser/server';
import { DEEP_ELEMENTS_SCRIPT, launchChromium, settle } from '../browser/chromium';
import type { BenchSection } from './section';

const CHANGES = 10;

function stats(values: number[]): { median: number; p95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] };
}

export async function runBrowserBench(): Promise<BenchSection> {
  process.stderr.write('browser: building the console (production) and paging the RACI matrix in Chromium ...\n');
  const server = await startHarnessServer(await buildConsole({ production: true }), { raciScale: { areas: 300, people: 60 } });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(DEEP_ELEMENTS_SCRIPT);
    await page.goto(server.url, { timeout: 120_000 });
    await settle(page);
    const cells = await page.locator('c-raci-matrix td.raci-cell').count();
    const next = await page.locator('c-raci-matrix .next button').elementHandle();
    const previous = await page.locator('c-raci-matrix .previous button').elementHandle();
    const timings: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const button = i % 4 < 2 ? next : previous;
      timings.push(
        await page.evaluate(
          (element) =>
            new Promise<number>((resolve) => {
              const start = performance.now();
              (element as HTMLElement).click();
              // The frame that shows the new page: after the render, the next animation frame's paint.
              requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
            }),
          button
        )
      );
    }
    const { median, p95 } = stats(timings);
    return {
      title: 'Ownership console in Chromium (production build)',
      table: {
        header: ['scenario', 'page change to next frame (median / p95)', 'matrix cells on a page', 'target'],
        rows: [
          ['RACI matrix, 300 areas × 60 people, 50 rows a page', `${median.toFixed(1)} / ${p95.toFixed(1)} ms`, String(cells), '< 100 ms']
        ]
      },
      notes: [
        `${CHANGES} page changes (next, next, previous, previous, ...) timed from the click to the first task after the next animation frame, in headless Chromium (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}).`,
        'Built by scripts/browser/build.ts with NODE_ENV=production and minified; data from the harness (scripts/browser/store.ts, raciScale 300 × 60).'
      ]
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
