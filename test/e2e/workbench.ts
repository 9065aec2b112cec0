/**
 * What the UI tests (test/e2e/ui, test/e2e/web) do in a workbench page as a person would:
 * wait for something to be seen, run a command from the palette, go to a line, open a file.
 * Every wait has a timeout and says what was not seen.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { recognizeKind } from '../../src/client/estate/recognize';

/** Long enough for the language server's first answer. */
export const SEEN_MS = 30_000;

/** The first of `locator` once it is visible; an assertion (counted) that fails when it isn't within `timeout`. */
export async function visible(locator: Locator, what: string, timeout = SEEN_MS): Promise<Locator> {
  const seen = await locator.first().waitFor({ state: 'visible', timeout }).then(() => true, () => false);
  assert.ok(seen, `not seen within ${timeout} ms: ${what}`);
  return locator.first();
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 5000 });
  await input.fill(`>${title}`);
  await visible(page.locator('.quick-input-widget .monaco-list-row', { hasText: title }), `the command "${title}"`, 5000);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 5000 });
}

export async function goToLine(page: Page, line: number): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // The Go to Line box can close under the test as focus settles (a tab just clicked, a panel
  // just laid out: seen once in CI, the box inert and then gone): open it again, twice at most.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+g');
    try {
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(`:${line}`, { timeout: 5000 });
      break;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 5000 });
}

export async function openFromExplorer(page: Page, name: string): Promise<void> {
  const row = await visible(page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }), `${name} in the explorer`);
  await row.dblclick();
  await visible(page.locator('.tab.active', { hasText: name }), `the editor tab of ${name}`);
}

export async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+p');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 5000 });
  await input.fill(name);
  await visible(page.locator('.quick-input-widget .monaco-list-row', { hasText: name }), `${name} in quick open`, 10_000);
  await page.keyboard.press('Enter');
  await visible(page.locator('.tab.active', { hasText: name }), `the editor tab of ${name}`);
}

/** The text of the hover over `token` that contains `hasText` (hovering again if it is slow to come). */
export async function hoverText(page: Page, token: Locator, hasText: string): Promise<string> {
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText });
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.mouse.move(0, 0);
    await token.hover();
    try {
      await hover.first().waitFor({ state: 'visible', timeout: 5000 });
      break;
    } catch { /* move away and hover again */ }
  }
  return (await (await visible(hover, `a hover that says ${hasText}`, 1000)).textContent()) ?? '';
}

/** The mapping panel's document, inside the webview's two nested iframes. */
export function panelDocument(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** The 1-based number of the first line of `file` that matches. */
export function lineIn(file: string, re: RegExp): number {
  const i = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => re.test(l));
  assert.ok(i >= 0, `no line ${String(re)} in ${file}`);
  return i + 1;
}

/** The JSON files of the estate fixtures copied into the workspace (estate/), by directory. */
export function exportsIn(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? exportsIn(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []))
    .sort();
}

/** A VMM export with a VM among the fixtures, its first VM, and a vault export of the same estate (folder). */
export function estateFixtures(workspace: string): { vmm: string; vm: string; vault: string } {
  const all = exportsIn(path.join(workspace, 'estate'));
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
export async function commandWithFile(page: Page, title: string, file: string): Promise<void> {
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
  // It fills in its folder when it has read it, over what was typed before: type until the path stays.
  for (let i = 0; i < 10; i++) {
    await input.fill(file);
    await page.waitForTimeout(400);
    if (await input.inputValue() === file) break;
  }
  assert.equal(await input.inputValue(), file, 'the path typed into the open dialog');
  await page.keyboard.press('Enter');
}
