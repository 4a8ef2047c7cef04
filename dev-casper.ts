import { readFileSync, cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { SqliteContentStore } from './core/content/index.ts';
import { contentDatabaseFile } from './core/site/index.ts';
import { importWordPress } from './core/wxr/index.ts';
import { sandbox, REPO } from './test/support/sandbox.ts';
const FIXTURE = path.join(REPO, '..', 'shared', 'fixtures', 'wxr', 'themeunittestdata.wordpress.xml');
const box = sandbox();
for (const t of ['casper', 'source']) cpSync(path.join(REPO, 'test/fixtures/themes', t), path.join(box.themesDir, t), { recursive: true });
for (const t of ['casper', 'source']) {
  box.site(t, { title: `Ghost ${t}`, domains: [`${t}.localhost`], theme: { id: t } });
  const store = new SqliteContentStore(contentDatabaseFile(path.join(box.sitesDir, t)));
  await importWordPress(store, { data: readFileSync(FIXTURE), name: FIXTURE }, { timezone: 'UTC' });
  await store.close();
}
const host = await box.host();
const port = await host.listen(Number(process.env.PORT ?? 0));
console.log('port', port, box.root);
