// Scheduled posts go live on time even across a restart of the host, without any visitor.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteContentStore } from '../../core/content/index.ts';
import { contentDatabaseFile } from '../../core/site/index.ts';
import { logIn, member } from '../support/admin.ts';
import { eventually, sandbox } from '../support/sandbox.ts';

describe('the publishing scheduler', () => {
  const box = sandbox();
  afterAll(() => box.remove());

  it('publishes a post whose time came while the host was down, right after it starts again', async () => {
    box.site('alpha');
    const first = await box.host();
    await member(first, 'alpha', 'owner@alpha.test', 'owner');
    const owner = await logIn(first, 'alpha.localhost', 'owner@alpha.test');
    const post = await owner.post('/admin/api/posts', { title: 'While you were out', html: '<p>x</p>', status: 'scheduled', publishedAt: new Date(Date.now() + 800).toISOString() });
    expect(post.status).toBe(201);
    await first.close();
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const second = await box.host();
    // Nothing asks for the site: the scheduler opens it on its own.
    await eventually(async () => {
      const { site, release } = await second.registry.acquire(second.registry.get('alpha')!);
      try {
        expect((await site.store.getPost(post.body.id))?.status).toBe('published');
      } finally {
        release();
      }
    });
  });

  it('finds posts scheduled while the site was closed (an import, another process) once it opens, and publishes them on time', async () => {
    box.site('beta');
    const store = new SqliteContentStore(contentDatabaseFile(path.join(box.sitesDir, 'beta')));
    const post = await store.createPost({ title: 'Imported for later', html: '<p>x</p>', status: 'scheduled', publishedAt: new Date(Date.now() + 1500).toISOString() });
    await store.close();

    const host = await box.host();
    const { site, release } = await host.registry.acquire(host.registry.get('beta')!);
    release();
    expect((await site.store.getPost(post.id))?.status).toBe('scheduled');
    await eventually(async () => {
      const { site: open, release: done } = await host.registry.acquire(host.registry.get('beta')!);
      try {
        expect((await open.store.getPost(post.id))?.status).toBe('published');
      } finally {
        done();
      }
    });
    await host.close();
  });
});
