// Content types in the browser admin, in real Chromium, on a site whose portfolio plugin declares
// projects (issue 4): an editor finds Projects in the menu, adds one through the form made from
// its fields, sees it in the list and on the public site, changes it (a slug another project has
// is refused next to the field, with everything typed kept), and deletes it after confirming.
// At a desktop's width and a 375 px phone's, without console errors or sideways scrolling; an
// author gets no such menu. Screenshots go to test-output/screenshots/content-types-*.png.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { logIn as apiLogIn, member } from '../support/admin.ts';
import { adminPage, CHROMIUM, launchChromium, screenshot, sidewaysOverflow } from '../support/browser.ts';
import { pluginManifest } from '../support/plugins.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

const PORTFOLIO = `import { definePlugin } from '@guild/sdk';
export default definePlugin({ setup({ contentTypes }) {
  contentTypes.define({
    name: 'project', label: 'Project', plural: 'Projects', path: 'projects',
    fields: {
      client: { type: 'text', label: 'Client', required: true },
      year: { type: 'number', label: 'Year' },
      kind: { type: 'select', label: 'Kind of work', options: ['Website', 'Branding', 'Signage'] },
      summary: { type: 'textarea', label: 'Summary', help: 'One or two sentences for the project page.' },
      featured: { type: 'checkbox', label: 'Feature it on the home page' },
      story: { type: 'html', label: 'Story' },
    },
    templates: { entry: '{{!< default}}<article class="project"><h1>{{project.title}}</h1><p class="client">For {{project.client}}, {{project.year}}</p><p>{{project.summary}}</p></article>' },
  });
} });`;

describe.skipIf(!existsSync(CHROMIUM))('content types in the browser admin (Chromium)', { timeout: 90_000 }, () => {
  let box: Sandbox;
  let host: Host;
  let browser: Browser;
  let base: string;
  const errors: string[] = [];
  const visit = (path: string) => request(host.app).get(path).set('Host', 'studio.localhost');

  beforeAll(async () => {
    box = sandbox();
    box.write('plugins/portfolio/plugin.json', pluginManifest('test.portfolio', ['content-types']));
    box.write('plugins/portfolio/index.ts', PORTFOLIO);
    box.site('studio', { title: 'Studio Nord', plugins: [{ id: 'test.portfolio' }] });
    host = await box.host();
    await member(host, 'studio', 'ada@studio.test', 'owner');
    await member(host, 'studio', 'marta@studio.test', 'editor');
    await member(host, 'studio', 'sam@studio.test', 'author');
    base = `http://studio.localhost:${await host.listen()}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await box?.remove();
  });

  /** Logged in at a width, counting console errors and failed requests but the ones the flows expect. */
  async function logIn(email: string, width: number): Promise<Page> {
    const page = await adminPage(browser, base, email, { width, height: 860 });
    page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && errors.push(`${page.url()}: ${message.text()}`));
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (response.status() >= 400 && response.status() !== 422 && url.pathname !== '/favicon.ico') errors.push(`${response.status()} ${url.pathname}`);
    });
    return page;
  }

  /** Opens the sidebar (a drawer on a phone) and follows one of its links. */
  async function menu(page: Page, name: string): Promise<void> {
    const toggle = page.getByRole('button', { name: 'Menu' });
    if (await toggle.isVisible()) await toggle.click();
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name }).click();
  }

  async function addProject(page: Page, project: { title: string; client: string; year?: string; kind?: string; summary?: string }): Promise<void> {
    await page.getByRole('link', { name: /New project|Add the first project/ }).first().click();
    await page.getByRole('heading', { name: 'New project' }).waitFor();
    await page.getByLabel('Title').fill(project.title);
    await page.getByLabel('Client').fill(project.client);
    if (project.year) await page.getByLabel('Year').fill(project.year);
    if (project.kind) await page.getByLabel('Kind of work').selectOption(project.kind);
    if (project.summary) await page.getByLabel('Summary').fill(project.summary);
  }

  const shot = (page: Page, name: string) => screenshot(page, `content-types-${name}`, { fullPage: true });

  it('an editor adds a project, sees it in the list and on the site, changes it and deletes it (1280 px)', async () => {
    const page = await logIn('marta@studio.test', 1280);
    await menu(page, 'Projects');
    await page.getByRole('heading', { name: 'No projects yet' }).waitFor();
    await page.getByText('Each project you add gets its own page on the site').waitFor();
    await shot(page, 'empty');

    await addProject(page, { title: 'Harbour Bakery website', client: 'Harbour Bakery', year: '2025', kind: 'Website', summary: 'A site for a bakery that sells out by noon.' });
    await shot(page, 'new');
    await page.getByRole('button', { name: 'Add project' }).click();
    await page.getByText('Added “Harbour Bakery website”.').waitFor();
    const row = page.getByRole('row', { name: /Harbour Bakery website/ });
    await row.getByRole('cell', { name: 'Harbour Bakery', exact: true }).waitFor();
    await row.getByText('Published').waitFor();
    const published = await visit('/projects/harbour-bakery-website/');
    expect(published.text).toContain('<p class="client">For Harbour Bakery, 2025</p>');
    expect(published.text).toContain('A site for a bakery that sells out by noon.');

    await addProject(page, { title: 'Ferry timetable signs', client: 'Harbour Ferries', kind: 'Signage' });
    await page.getByRole('button', { name: 'Add project' }).click();
    await page.getByRole('row', { name: /Ferry timetable signs/ }).waitFor();
    await shot(page, 'list');

    // A slug the other project has is refused by the API next to its field; nothing typed is lost.
    await page.getByRole('link', { name: 'Edit “Ferry timetable signs”' }).click();
    await page.getByRole('heading', { name: 'Ferry timetable signs' }).waitFor();
    await page.getByLabel('Client').fill('Harbour Ferries & Co.');
    await page.getByLabel('Summary').fill('Timetables you can read from the car queue.');
    await page.getByLabel('Slug').fill('harbour-bakery-website');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('"harbour-bakery-website" is taken by another project; pick another').waitFor();
    await expect(page.getByLabel('Client').inputValue()).resolves.toBe('Harbour Ferries & Co.');
    await expect(page.getByLabel('Summary').inputValue()).resolves.toBe('Timetables you can read from the car queue.');
    await expect(page.getByLabel('Slug').getAttribute('aria-describedby')).resolves.toMatch(/error/);
    await shot(page, 'refused');
    await page.getByLabel('Slug').fill('ferry-signs');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved “Ferry timetable signs”.').waitFor();
    await expect.poll(async () => (await visit('/projects/ferry-signs/')).text).toContain('For Harbour Ferries &amp; Co.');
    expect((await visit('/projects/ferry-timetable-signs/')).status).toBe(404);
    await page.getByRole('link', { name: /View on site/ }).waitFor();

    // A draft leaves the site but stays in the list.
    await page.getByLabel('Status').selectOption('draft');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved “Ferry timetable signs”.').nth(1).waitFor();
    expect((await visit('/projects/ferry-signs/')).status).toBe(404);
    await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
    await page.getByRole('row', { name: /Ferry timetable signs/ }).getByText('Draft').waitFor();

    await page.getByRole('button', { name: 'Delete “Harbour Bakery website”' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete “Harbour Bakery website”?' });
    await confirm.getByText(/Its page at \/projects\/harbour-bakery-website\/ goes away at once\./).waitFor();
    // Its text wraps inside the dialog, though the dialog sits in a table cell that does not wrap.
    await expect(confirm.locator('.dialog-body').evaluate((body) => body.scrollWidth - body.clientWidth)).resolves.toBeLessThanOrEqual(0);
    await shot(page, 'delete');
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    expect((await visit('/projects/harbour-bakery-website/')).status).toBe(200);
    await page.getByRole('button', { name: 'Delete “Harbour Bakery website”' }).click();
    await confirm.getByRole('button', { name: 'Delete for good' }).click();
    await page.getByText('Deleted “Harbour Bakery website”.').waitFor();
    await expect.poll(() => page.getByRole('row', { name: /Harbour Bakery website/ }).count()).toBe(0);
    expect((await visit('/projects/harbour-bakery-website/')).status).toBe(404);
    await page.close();
  });

  it('works the same on a 375 px phone: menu drawer, rows as cards, the form without sideways scrolling', async () => {
    const page = await logIn('marta@studio.test', 375);
    await menu(page, 'Projects');
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    await addProject(page, { title: 'Mercado do Bolhão signs', client: 'Mercado do Bolhão', year: '2024', kind: 'Signage', summary: 'Hand-painted signs for forty market stalls.' });
    await page.getByLabel('Feature it on the home page').check();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'new-phone');
    await page.getByRole('button', { name: 'Add project' }).click();
    await page.getByText('Added “Mercado do Bolhão signs”.').waitFor();
    const card = page.getByRole('row', { name: /Mercado do Bolhão signs/ });
    await card.getByText('Mercado do Bolhão', { exact: true }).waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'list-phone');
    expect((await visit('/projects/mercado-do-bolhao-signs/')).text).toContain('Hand-painted signs for forty market stalls.');

    await card.getByRole('link', { name: 'Edit “Mercado do Bolhão signs”' }).click();
    await expect.poll(() => page.getByLabel('Feature it on the home page').isChecked()).toBe(true);
    await page.getByLabel('Year').fill('2023');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved “Mercado do Bolhão signs”.').waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'edit-phone');
    await expect.poll(async () => (await visit('/projects/mercado-do-bolhao-signs/')).text).toContain('For Mercado do Bolhão, 2023');

    await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
    await page.getByRole('button', { name: 'Delete “Mercado do Bolhão signs”' }).click();
    await page.getByRole('dialog', { name: 'Delete “Mercado do Bolhão signs”?' }).getByRole('button', { name: 'Delete for good' }).click();
    await page.getByText('Deleted “Mercado do Bolhão signs”.').waitFor();
    expect((await visit('/projects/mercado-do-bolhao-signs/')).status).toBe(404);
    await page.close();
  });

  it('gives the owner the same menu, and an author none of it', async () => {
    const owner = await logIn('ada@studio.test', 375);
    await owner.getByRole('button', { name: 'Menu' }).click();
    await owner.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Projects' }).waitFor();
    await shot(owner, 'menu-phone');
    await owner.close();
    const author = await logIn('sam@studio.test', 1280);
    await author.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Posts' }).waitFor();
    await expect(author.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Projects' }).count()).resolves.toBe(0);
    await author.close();
  });

  it('tells the editor what was removed from a rich-text field, on the form, with the rest kept', async () => {
    const page = await logIn('marta@studio.test', 1280);
    await menu(page, 'Projects');
    await addProject(page, { title: 'Quay cafe menu', client: 'Quay Cafe' });
    await page.getByLabel('Story').fill('<p>Three boards, <strong>one</strong> font.</p><script>alert("hi")</script>');
    await page.getByRole('button', { name: 'Add project' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Some parts were not kept' });
    await notice.getByText("Story: scripts cannot run on the site's pages").waitFor();
    await expect(page.getByLabel('Story').inputValue()).resolves.toBe('<p>Three boards, <strong>one</strong> font.</p>');
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/types\/project\/\d+$/);
    await shot(page, 'rejected');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved “Quay cafe menu”.').waitFor();
    await expect.poll(() => notice.count()).toBe(0);
    expect((await visit('/projects/quay-cafe-menu/')).text).not.toContain('alert(');
    await page.close();
  });

  it('asks before the tab closes on changes not saved, and not once they are', async () => {
    const page = await logIn('marta@studio.test', 1280);
    // Headless Chromium shows no leave dialog; the page's answer to the event is what decides it.
    const wouldAsk = () => page.evaluate(() => !window.dispatchEvent(new Event('beforeunload', { cancelable: true })));
    await menu(page, 'Projects');
    await addProject(page, { title: 'Ferry café sign', client: 'Harbour Ferries' });
    await expect(wouldAsk()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Add project' }).click();
    await page.getByText('Added “Ferry café sign”.').waitFor();
    await page.getByRole('link', { name: 'Edit “Ferry café sign”' }).click();
    await page.getByRole('heading', { name: 'Ferry café sign' }).waitFor();
    await expect(wouldAsk()).resolves.toBe(false);
    await page.getByLabel('Client').fill('Harbour Ferries Ltd');
    await expect(wouldAsk()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved “Ferry café sign”.').waitFor();
    await expect(wouldAsk()).resolves.toBe(false);
    await page.close();
  });

  it('pages a list past a hundred entries', async () => {
    const api = await apiLogIn(host, 'studio.localhost', 'marta@studio.test');
    for (let n = 1; n <= 101; n++) expect((await api.post('/admin/api/plugins/types/project/entries', { title: `Sign ${String(n).padStart(3, '0')}`, fields: { client: 'Market' } })).status).toBe(201);
    const page = await logIn('marta@studio.test', 1280);
    await menu(page, 'Projects');
    const pager = page.getByRole('navigation', { name: 'Pages of the list' });
    await pager.getByText(/Page 1 of 2/).waitFor();
    await page.getByRole('row', { name: /Sign 101/ }).waitFor();
    await pager.getByRole('button', { name: 'Next' }).click();
    await pager.getByText(/Page 2 of 2/).waitFor();
    expect(new URL(page.url()).search).toBe('?page=2');
    await expect(page.getByRole('row', { name: /Sign 101/ }).count()).resolves.toBe(0);
    await pager.getByRole('button', { name: 'Previous' }).click();
    await page.getByRole('row', { name: /Sign 101/ }).waitFor();
    await page.close();
  });

  it('made no console errors on the way', () => {
    expect(errors).toEqual([]);
  });
});
