// Comments in real Chromium (issue 14 item 6): a visitor comments under a post and is told it
// waits for approval; the owner finds it in the admin's Comments screen and approves it; the
// visitor then sees it under the post.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { member } from '../support/admin.ts';
import { adminPage, CHROMIUM, launchChromium, screenshot } from '../support/browser.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe.skipIf(!existsSync(CHROMIUM))('comments in the browser (Chromium)', { timeout: 90_000 }, () => {
  let box: Sandbox;
  let host: Host;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    box = sandbox();
    box.site('bakery', { title: 'Bakery', theme: { id: 'journal' } });
    host = await box.host();
    await member(host, 'bakery', 'ada@bakery.test', 'owner');
    const { site, release } = await host.registry.acquire(host.registry.get('bakery')!);
    await site.store.createPost({ title: 'Rye week', html: '<p>Bread all week.</p>', status: 'published' });
    release();
    base = `http://bakery.localhost:${await host.listen()}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await box?.remove();
  });

  it('a visitor comments, the owner approves, and the comment shows under the post', async () => {
    const visitor = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await visitor.goto(`${base}/rye-week/`);
    await visitor.getByLabel('Name').fill('Cleo');
    await visitor.getByLabel('Comment', { exact: true }).fill('The crust was perfect.');
    await visitor.getByRole('button', { name: 'Post comment' }).click();
    await visitor.getByText('waiting for approval').waitFor();

    const owner = await adminPage(browser, base, 'ada@bakery.test');
    await owner.getByRole('link', { name: 'Comments' }).click();
    await owner.getByText('The crust was perfect.').waitFor();
    await screenshot(owner, 'comments-queue');
    await owner.getByRole('button', { name: 'Approve' }).click();
    await owner.getByText('Approved: it shows under the post now.').waitFor();

    await visitor.goto(`${base}/rye-week/`);
    const thread = visitor.locator('.comment-list');
    await thread.getByText('The crust was perfect.').waitFor();
    expect(await thread.locator('.comment-author').first().textContent()).toBe('Cleo');
    await screenshot(visitor, 'comments-post');
  });
});
