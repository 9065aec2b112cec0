/**
 * First use as a person meets it: the "Get started with ASR Topology" walkthrough opened from
 * the Command Palette, its steps, and its first step's button creating a topology file (to Azure, picked from the scenarios).
 * And as `npm start` shows it: the installed extension opens the walkthrough by itself the
 * first time it starts in a browser profile (src/client/firstStart.ts), beside the example.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { uiContext } from '../context';
import { visible } from '../workbench';

const TITLE = 'Get started with ASR Topology';

describe('the walkthrough', () => {
  let page: Page;

  before(async () => {
    page = uiContext().page;
    await visible(page.locator('.monaco-workbench'), 'the workbench', 60_000);
  });

  it('is offered by "Welcome: Open Walkthrough..." and shows its four steps', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await input.fill('>Welcome: Open Walkthrough');
    await visible(page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Open Walkthrough' }), 'the command', 5000);
    await page.keyboard.press('Enter');
    await visible(page.locator('.quick-input-widget .monaco-list-row', { hasText: TITLE }), `"${TITLE}" among the walkthroughs`);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: TITLE }).first().click();
    const steps = page.locator('.getting-started-step');
    await visible(steps.filter({ hasText: 'Create a topology file' }), 'the step "Create a topology file"');
    const titles = await page.locator('.getting-started-step .step-title').allTextContents();
    for (const t of ['Create a topology file', 'See the problems', 'Hover a VM', 'Open the mapping panel']) {
      assert.ok(titles.some((x) => x.includes(t)), `the step "${t}" in ${JSON.stringify(titles)}`);
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    // What the workbench showed, for the one reading the failure.
    const file = path.join(os.tmpdir(), 'asr-walkthrough-failed.png');
    await page.screenshot({ path: file }).catch(() => undefined);
    console.log(`      (screenshot of the failure: ${file})`);
  });

  it('creates a topology file from its first step\'s button', async () => {
    const step = page.locator('.getting-started-step', { hasText: 'Create a topology file' }).first();
    await step.click();
    const button = await visible(step.locator('.monaco-button, a', { hasText: 'New Topology File' }), 'the "New Topology File" button');
    await button.click();
    // It asks the scenario, to Azure first.
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await visible(rows.first().filter({ hasText: 'To Azure' }), 'the scenario pick with "To Azure" first');
    await visible(rows.filter({ hasText: 'To a secondary VMM site' }), 'the scenario "To a secondary VMM site"');
    // Enter in the pick's own input takes the focused row, once the first row has the focus (a
    // click raced the pick's opening animation; a bare key press could reach the walkthrough
    // page, and an Enter before the list focused a row accepted nothing).
    await visible(page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'To Azure' }), 'the first scenario focused');
    const input = page.locator('.quick-input-widget input');
    await input.press('Enter');
    const widget = page.locator('.quick-input-widget');
    for (let i = 0; i < 3 && (await widget.isVisible()); i++) {
      await page.waitForTimeout(500);
      if (await widget.isVisible()) await input.press('Enter').catch(() => undefined);
    }
    await visible(page.locator('#status\\.editor\\.mode', { hasText: 'ASR Topology' }), 'an editor in the ASR Topology language', 10_000);
    await visible(page.locator('.tab.active', { hasText: /Untitled/ }), 'an untitled editor');
  });
});

describe('the walkthrough on first start', () => {
  const ctx = uiContext();
  // From the .vsix the extension runs as installed (extensionMode Production): it opens the
  // walkthrough once; from the repository (extensionMode Development) it never does.
  const installed = ctx.fromVsix === true;
  const EXAMPLE = 'new-york-chicago.topology.yaml';

  /**
   * A workbench in a fresh browser profile, opened as `npm start` opens it: the folder, an
   * example open (from the sources, with the repository as the extension under development).
   */
  function startUrl(): string {
    const remote = `vscode-remote://127.0.0.1:${ctx.port ?? 0}`;
    const payload = [['openFile', `${remote}${path.join(ctx.workspace, EXAMPLE)}`]];
    if (!installed) payload.unshift(['extensionDevelopmentPath', `${remote}${ctx.root}`]);
    return `http://127.0.0.1:${ctx.port ?? 0}/?folder=${encodeURIComponent(ctx.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  }

  /** The example is open and active, and the extension has started: its status bar item counts the example's replicas. */
  async function started(p: Page): Promise<void> {
    await visible(p.locator('.tab', { hasText: EXAMPLE }), `the example ${EXAMPLE} open`, 60_000);
    await visible(p.locator('.statusbar-item', { hasText: 'replicas connect' }), 'the extension\'s status bar item (it started)', 60_000);
  }

  it(installed
    ? 'opens by itself beside the example the first time the installed extension starts, and not again'
    : 'does not open by itself when the extension runs from its sources', async function () {
    this.timeout(180_000);
    const { browser, machineSettings } = ctx;
    assert.ok(browser && machineSettings && ctx.port, 'the runner gives the browser, the port and the machine settings');
    const before = fs.readFileSync(machineSettings, 'utf8');
    // The runner turns walkthroughs on install off for every other test; on for this one, as a user has it.
    fs.writeFileSync(machineSettings, JSON.stringify({ 'workbench.welcomePage.walkthroughs.openOnInstall': true }));
    const fresh = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const p = await fresh.newPage();
      try {
        await p.goto(startUrl());
        const steps = p.locator('.getting-started-step', { hasText: 'Create a topology file' });
        if (!installed) {
          await started(p);
          await p.waitForTimeout(3000); // the command would have run right after the status bar item
          assert.equal(await steps.count(), 0, 'no walkthrough from the sources');
          return;
        }
        await visible(p.locator('.tab', { hasText: EXAMPLE }), `the example ${EXAMPLE} open`, 60_000);
        await visible(steps.first(), 'the walkthrough, opened by itself', 60_000);
        // VS Code titles a walkthrough's tab "Welcome".
        const tab = p.locator('.tab', { hasText: 'Welcome' });
        await visible(tab, 'the walkthrough\'s tab "Welcome"');
        // Beside the example, which stays in view.
        assert.equal(await p.locator('.editor-group-container').count(), 2, 'two editor groups: the example and the walkthrough');
        await visible(p.locator('.view-lines', { hasText: 'new-york' }).first(), 'the example still in view');
        // Closed, it doesn't come back when the workbench is opened again in the same profile.
        await tab.click({ button: 'middle' }); // a middle click closes a tab
        await tab.waitFor({ state: 'detached', timeout: 10_000 });
        await p.goto(startUrl());
        await started(p);
        await p.waitForTimeout(3000);
        assert.equal(await steps.count(), 0, 'the walkthrough not opened a second time');
      } catch (err) {
        const file = path.join(os.tmpdir(), 'asr-first-start-failed.png');
        await p.screenshot({ path: file }).catch(() => undefined);
        console.log(`      (screenshot of the failure: ${file})`);
        throw err;
      }
    } finally {
      await fresh.close();
      fs.writeFileSync(machineSettings, before);
    }
  });
});
