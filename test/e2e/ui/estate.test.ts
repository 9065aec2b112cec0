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
import { recognizeKind } from '../../../src/client/estate/recognize';
import { uiContext } from '../context';
import { panelDocument, runCommand, visible } from '../workbench';

/** The JSON files of the estate fixtures copied into the workspace (estate/), by directory. */
function exportsIn(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? exportsIn(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []))
    .sort();
}

/** A VMM export with a VM among the fixtures, its first VM, and a vault export of the same estate (folder). */
function fixtures(): { vmm: string; vm: string; vault: string } {
  const all = exportsIn(path.join(uiContext().workspace, 'estate'));
  const kind = (f: string): string | undefined => recognizeKind(path.basename(f), fs.readFileSync(f));
  for (const vmm of all.filter((f) => kind(f) === 'vmm')) {
    const vault = all.find((f) => path.dirname(f) === path.dirname(vmm) && kind(f) === 'asr');
    try {
      const vm = (JSON.parse(fs.readFileSync(vmm, 'utf8').replace(/^\ufeff/, '')) as { VMs?: { Name?: string }[] }).VMs?.[0]?.Name;
      if (vm && vault) return { vmm, vm, vault };
    } catch { /* not UTF-8 JSON: take another */ }
  }
  throw new Error('no UTF-8 VMM export with a VM and a vault export beside it in the workspace\'s estate/');
}

/** Runs a command from the palette whose open dialog then asks for a file: types the file's path into it. */
async function commandWithFile(page: Page, title: string, file: string): Promise<void> {
  // The palette lists the extension's commands once the workbench has read its contributions:
  // on a fresh workbench, ask again until it does.
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title });
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await input.fill(`>${title}`);
    try {
      await row.first().waitFor({ state: 'visible', timeout: 3000 });
      break;
    } catch {
      if (attempt === 10) throw new Error(`not seen: the command "${title}" in the palette`);
    }
  }
  await page.keyboard.press('Enter');
  // The open dialog of a browser workbench is a quick input with the path.
  await visible(page.locator('.quick-input-widget .quick-input-title', { hasText: /Import Estate|Compare/ }), `the open dialog of "${title}"`, 10_000);
  await input.fill(file);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

describe('Import Estate… and Compare with Vault Export…, as a person runs them', () => {
  let page: Page;

  before(async () => {
    page = uiContext().page;
    page.setDefaultTimeout(30_000);
    await visible(page.locator('.monaco-workbench'), 'the workbench', 60_000);
  });

  it('picks a VMM export in the open dialog and opens the imported plan as an untitled ASR Topology document', async () => {
    const { vmm, vm } = fixtures();
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
    const { vault } = fixtures();
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
