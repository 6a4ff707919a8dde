/**
 * Writes the README's screenshots (docs/console-*.png) from the preview build:
 * `npx tsx scripts/browser/docsScreenshots.ts`. Small on purpose: one viewport each, no full page.
 */
import { join } from 'node:path';
import { buildConsole } from './build';
import { startHarnessServer } from './server';
import { PAGE_PROBES_SCRIPT, launchChromium, settle } from './chromium';
import { PROJECT_ROOT } from './store';

async function main(): Promise<void> {
  const server = await startHarnessServer(await buildConsole({ production: true }));
  const browser = await launchChromium();
  try {
    const shots: Array<{ file: string; width: number; height: number; tab?: string }> = [
      { file: 'console-risks.png', width: 1280, height: 860, tab: 'Risks' },
      { file: 'console-raci-390.png', width: 390, height: 760 }
    ];
    for (const shot of shots) {
      const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height } });
      await page.addInitScript(PAGE_PROBES_SCRIPT);
      await page.goto(server.url);
      await settle(page);
      if (shot.tab) {
        await page.getByRole('tab', { name: shot.tab, exact: true }).click();
        await settle(page);
      }
      await page.screenshot({ path: join(PROJECT_ROOT, 'docs', shot.file) });
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
