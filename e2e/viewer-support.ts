// Helpers for the specs of the export viewer's tree: a row by its path, drawn (the tree is a virtual list),
// opened.
import { expect, type Locator, type Page } from '@playwright/test';

export const treeRow = (page: Page, path: string) =>
  page.locator(`[data-testid="tree-row"][data-path="${path}"]`);

/**
 * Scrolls the tree to its top, or down by three quarters of its height, and waits until the list has drawn
 * the lines of the new place (its first drawn line changed), a second at most: the list draws in a
 * transition, which may take longer than a frame or two on a busy machine, and a row looked for before it
 * did was missed (CI once scrolled on past `_metadata` at the top). False when the tree could not move.
 */
async function scrollTree(tree: Locator, to: 'top' | 'down'): Promise<boolean> {
  const firstDrawn = () => tree.locator('[data-testid="tree-row"]').first().getAttribute('data-path');
  const before = await firstDrawn();
  const moved = await tree.evaluate((el, where) => {
    const from = el.scrollTop;
    el.scrollTop = where === 'top' ? 0 : from + el.clientHeight * 0.75;
    return el.scrollTop !== from;
  }, to);
  if (moved)
    await expect
      .poll(firstDrawn, { timeout: 1_000 })
      .not.toBe(before)
      .catch(() => {});
  return moved;
}

/** Scrolls the tree (a virtual list: only the lines in view exist) until the row at `path` is drawn. */
export async function revealRow(page: Page, path: string): Promise<Locator> {
  const row = treeRow(page, path);
  const tree = page.getByTestId('export-tree');
  if ((await row.count()) === 0) {
    await scrollTree(tree, 'top');
    for (let step = 0; step < 500 && (await row.count()) === 0; step++)
      if (!(await scrollTree(tree, 'down'))) break;
  }
  // The list may draw the row again (a new element for the same path, after a redraw such as Raw's or a
  // page of rows arriving) between the locator finding it and the scroll: Playwright's scroll of a locator
  // does not find it again then, and fails "not attached to the DOM". So it is tried again, each try
  // taking the element afresh through the locator.
  await expect(async () => {
    await row.scrollIntoViewIfNeeded({ timeout: 2_000 });
  }).toPass({ timeout: 10_000 });
  await expect(row).toBeVisible();
  return row;
}

/** Opens the tree row at `path` (a no-op when it is open already). */
export async function openRow(page: Page, path: string): Promise<Locator> {
  const row = await revealRow(page, path);
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await expect(row).toHaveAttribute('aria-expanded', 'true');
  return row;
}
