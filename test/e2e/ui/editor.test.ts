/**
 * What a person sees in the workbench (code-server in Chromium, driven by playwright-core):
 * the file opened from the explorer, squiggles, the Problems panel, a hover, completion.
 * Every wait has a timeout: a missing feature fails with a message, never hangs.
 * The screenshot goes to test-results/editor.png, and to docs/images/editor.png with
 * ASR_E2E_UPDATE_DOCS=1.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { uiContext } from '../context';
import { goToLine, hoverText, lineIn, openFromExplorer, visible } from '../workbench';

const FILE = 'e2e-broken.topology.yaml';

function lineOf(re: RegExp): number {
  return lineIn(path.join(uiContext().workspace, FILE), re);
}

describe('the editor, as a person sees it', () => {
  let page: Page;

  before(async () => {
    page = uiContext().page;
    page.setDefaultTimeout(30_000);
    await visible(page.locator('.monaco-workbench'), 'the workbench', 60_000);
  });

  it('opens the topology file from the explorer, in the ASR Topology language', async () => {
    await openFromExplorer(page, FILE);
    await visible(page.locator('#status\\.editor\\.mode', { hasText: 'ASR Topology' }), 'the language "ASR Topology" in the status bar', 10_000);
  });

  it('colours references apart from keys (the grammar in the real editor)', async () => {
    await goToLine(page, lineOf(/^\s+cloud: GoldClod1$/));
    const line = page.locator('.view-line', { hasText: /^\s*cloud:\s+GoldClod1$/ }); // Monaco renders spaces as U+00A0
    const ref = await visible(line.locator('span span', { hasText: /^GoldClod1$/ }), 'the token GoldClod1');
    const key = await visible(line.locator('span span', { hasText: /^cloud$/ }), 'the key cloud');
    const [refClass, keyClass] = [await ref.getAttribute('class'), await key.getAttribute('class')];
    assert.notEqual(refClass, keyClass, 'a reference and a key have different token colours');
  });

  it('underlines the unknown cloud with an error squiggle', async () => {
    await visible(page.locator('.squiggly-error'), 'a .squiggly-error (the language server publishes TOP011)');
  });

  it('lists the problem with its code in the Problems panel', async () => {
    await page.keyboard.press('Control+Shift+M');
    const row = await visible(page.locator('.markers-panel .monaco-list-row', { hasText: 'TOP011' }), 'a TOP011 row in the Problems panel');
    assert.match((await row.textContent()) ?? '', /GoldClod1/);
  });

  it('explains the problem in a hover', async () => {
    await goToLine(page, lineOf(/^\s+cloud: GoldClod1$/));
    const token = await visible(page.locator('.view-line span', { hasText: /^GoldClod1$/ }), 'the token GoldClod1');
    const text = await hoverText(page, token, 'GoldClod1');
    assert.match(text, /TOP011/);
    const shot = path.join(uiContext().root, 'test-results', 'editor.png');
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
    if (process.env.ASR_E2E_UPDATE_DOCS === '1') {
      const doc = path.join(uiContext().root, 'docs', 'images', 'editor.png');
      fs.mkdirSync(path.dirname(doc), { recursive: true });
      fs.copyFileSync(shot, doc);
    }
  });

  it('completes network names after "network: "', async () => {
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    await goToLine(page, lineOf(/^\s+network: VMNetwork1-NewYork$/));
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('network: ');
    await page.keyboard.press('Control+Space');
    const item = await visible(page.locator('.suggest-widget .monaco-list-row', { hasText: 'VMNetwork1-NewYork' }),
      'VMNetwork1-NewYork among the completions');
    assert.ok(await item.isVisible());
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
  });
});
