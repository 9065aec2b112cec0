/**
 * Import Estate… as a person runs it (code-server in Chromium, playwright-core): the command
 * from the palette, the open dialog (VS Code's own file dialog in a browser workbench: the path
 * typed into it), the kind recognised from the content (no question), the vault region left
 * empty, then the new untitled ASR Topology document and the notification that counts what
 * was imported. The extension-host suite (test/e2e/suite/estate.test.ts) covers the rest.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { recognizeKind } from '../../../src/client/estate/recognize';
import { uiContext } from '../context';
import { runCommand, visible } from '../workbench';

/** A VMM export among the fixtures copied into the workspace (estate/), and its first VM. */
function vmmFixture(): { file: string; vm: string } {
  const dir = path.join(uiContext().workspace, 'estate');
  const all = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? all(path.join(d, e.name)) : e.name.endsWith('.json') ? [path.join(d, e.name)] : []));
  for (const file of all(dir).sort()) {
    const bytes = fs.readFileSync(file);
    if (recognizeKind(path.basename(file), bytes) !== 'vmm') continue;
    try {
      const vm = (JSON.parse(bytes.toString('utf8').replace(/^\ufeff/, '')) as { VMs?: { Name?: string }[] }).VMs?.[0]?.Name;
      if (vm) return { file, vm };
    } catch { /* not UTF-8 JSON: take another */ }
  }
  throw new Error(`no UTF-8 VMM export with a VM in ${dir}`);
}

describe('Import Estate…, as a person runs it', () => {
  let page: Page;

  before(async () => {
    page = uiContext().page;
    page.setDefaultTimeout(30_000);
    await visible(page.locator('.monaco-workbench'), 'the workbench', 60_000);
  });

  it('picks a VMM export in the open dialog and opens the imported plan as an untitled ASR Topology document', async () => {
    const { file, vm } = vmmFixture();
    // The palette lists the extension's commands once the workbench has read its contributions:
    // on a fresh workbench, ask again until it does.
    const input = page.locator('.quick-input-widget input');
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'ASR Topology: Import Estate' });
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill('>ASR Topology: Import Estate');
      try {
        await row.first().waitFor({ state: 'visible', timeout: 3000 });
        break;
      } catch {
        if (attempt === 10) throw new Error('not seen: the command "ASR Topology: Import Estate…" in the palette');
      }
    }
    await page.keyboard.press('Enter');
    // The open dialog of a browser workbench is a quick input with the path.
    await visible(page.locator('.quick-input-widget', { hasText: 'Import Estate' }), 'the open dialog titled "Import Estate…"', 10_000);
    await input.fill(file);
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
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
    await runCommand(page, 'Notifications: Hide Notifications');
    await page.locator('.monaco-editor .view-lines').first().click();
    // The plan names the VM: find it with the editor's own search.
    await page.keyboard.press('Control+f');
    await page.keyboard.type(vm);
    await visible(page.locator('.find-widget .matchesCount', { hasText: /^1 of|of \d+/ }), `"${vm}" found in the new document`, 5000);
    await page.keyboard.press('Escape');
    await runCommand(page, 'View: Revert and Close Editor');
  });
});
