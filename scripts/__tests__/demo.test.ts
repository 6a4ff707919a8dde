import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT, runScript, STACK_LINE } from '../test-support/liveOrg';

jest.setTimeout(120_000);

describe('npm run demo', () => {
  it("runs the live health check on the sample org, prints the table, writes the HTML report, and leaves the user's sf logins alone", async () => {
    const home = mkdtempSync(join(tmpdir(), 'demo-home-'));
    try {
      const output = await runScript('scripts/demo.ts', [], { ...process.env, HOME: home, SF_DISABLE_TELEMETRY: 'true' });
      expect(output.code).toBe(0);
      expect(output.stdout).toMatch(/Health check of org 00D\w+ \(admin@acme\.example\)/);
      expect(output.stdout).toContain('What IT must fix');
      expect(output.stdout).toContain('What SalesOps must fix');
      expect(output.stdout).toMatch(/Scorecard: \d of 7 targets met/);
      expect(output.stdout).toMatch(/Change-failure rate\s+19 %\s+≤ 15 %\s+MISSED/);
      expect(output.stdout).toMatch(/perm\.modify-all-data\s+PermissionSet Shadow_Admin\s+Ivy Platform/);
      expect(output.stdout).toContain('HTML report: reports/acme-health.html');
      expect(output.stdout + output.stderr).not.toMatch(STACK_LINE);

      const html = readFileSync(join(PROJECT_ROOT, 'reports', 'acme-health.html'), 'utf8');
      expect(html).toContain('<svg class="gauge"');
      expect(html).toContain('Shadow_Admin');
      // The CLI's state lived in a temporary folder: the user's home holds no sf login.
      expect(existsSync(join(home, '.sf')) ? readdirSync(join(home, '.sf')) : []).toEqual([]);
      expect(existsSync(join(home, '.sfdx'))).toBe(false);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
