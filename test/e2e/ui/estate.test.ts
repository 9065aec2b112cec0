/**
 * Import Estate… as a person runs it (code-server in Chromium, playwright-core): the command
 * from the palette, the open dialog (VS Code's own file dialog in a browser workbench: the path
 * typed into it), the kind recognised from the content (no question), the vault region left
 * empty, then the new untitled ASR Topology document and the notification that counts what
 * was imported; then Compare with Vault Export… the same way, the drift in the mapping panel's
 * Vault drift section (test-results/panel-drift.png) and its Clear comparison button. The
 * extension-host suite (test/e2e/suite/estate.test.ts) covers the rest.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { uiContext } from '../context';
import { commandWithFile, estateFixtures as fixtures, panelDocument, runCommand, visible } from '../workbench';

describe('Import Estate… and Compare with Vault Export…, as a person runs them', () => {
  let page: Page;

  before(async () => {
    page = uiContext().page;
    page.setDefaultTimeout(30_000);
    await visible(page.locator('.monaco-workbench'), 'the workbench', 60_000);
  });

  it('picks a VMM export in the open dialog and opens the imported plan as an untitled ASR Topology document', async () => {
    const { vmm, vm } = fixtures(uiContext().workspace);
    await commandWithFile(page, 'ASR Topology: Import Estate', vmm);
    const input = page.locator('.quick-input-widget input');
    // The region of the vault: left empty.
    await visible(page.locator('.quick-input-widget', { hasText: 'region' }), 'the input box for the vault\'s region', 10_000);
    await input.fill('');
    await page.keyboard.press('Enter');
    await visible(page.locator('#status\\.editor\\.mode', { hasText: 'ASR Topology' }), 'an editor in the ASR Topology language', 30_000);
    await visible(page.locator('.tab.active', { hasText: /Untitled/ }), 'an untitled editor');
    // The summary notification (a toast, or in the notification center when toasts are held back).
    await runCommand(page, 'Notifications: Show Notifications');
    const note = await visible(page.locator('.notification-list-item', { hasText: /imported \d+ sites?/ }), 'the notification counting what was imported');
    assert.match((await note.textContent()) ?? '', /\d+ VMs?/);
    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.locator('.monaco-editor .view-lines').first().click();
    // The plan names the VM: find it with the editor's own search.
    await page.keyboard.press('Control+f');
    await page.keyboard.type(vm);
    await visible(page.locator('.find-widget .matchesCount', { hasText: /^1 of|of \d+/ }), `"${vm}" found in the new document`, 5000);
    await page.keyboard.press('Escape');
  });

  it('compares it with the vault export: the mapping panel lists the drift, until Clear comparison', async () => {
    const { vault } = fixtures(uiContext().workspace);
    // The plan imported from VMM alone lacks what the vault has: there is drift.
    await commandWithFile(page, 'ASR Topology: Compare with Vault Export', vault);
    await visible(page.locator('.squiggly-warning, .squiggly-error, .squiggly-info').first(), 'a squiggle of the drift', 30_000);
    await runCommand(page, 'ASR Topology: Show Network Mapping');
    const panel = panelDocument(page);
    const rows = panel.locator('#drift-table tbody tr');
    await visible(rows, 'a row in the panel\'s Vault drift section');
    assert.match((await rows.first().textContent()) ?? '', /TOP07\d/);
    assert.match((await panel.locator('#drift-counts').textContent()) ?? '', /\d+ differences? between the plan and the vault/);
    const shot = path.join(uiContext().root, 'test-results', 'panel-drift.png');
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
    await panel.locator('#section-drift button', { hasText: 'Clear comparison' }).click();
    await panel.locator('#section-drift').waitFor({ state: 'hidden', timeout: 15_000 });
    // The untitled plan is dirty: reverted, then everything closed with nothing to ask.
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'View: Revert and Close Editor');
    await runCommand(page, 'View: Close All Editors');
  });
});
