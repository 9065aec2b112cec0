/**
 * What the UI tests (test/e2e/ui, test/e2e/web) do in a workbench page as a person would:
 * wait for something to be seen, run a command from the palette, go to a line, open a file.
 * Every wait has a timeout and says what was not seen.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** Long enough for the language server's first answer. */
export const SEEN_MS = 30_000;

export async function visible(locator: Locator, what: string, timeout = SEEN_MS): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`not seen within ${timeout} ms: ${what}`);
  }
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
  await page.keyboard.press('Control+g');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 5000 });
  await input.fill(`:${line}`);
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
