import { chromium } from 'playwright-core';
const [port, ...paths] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
for (const spec of paths) {
  const [host, path, width] = spec.split(',');
  const p = await b.newPage({ viewport: { width: Number(width), height: 900 } });
  const errs = [];
  p.on('console', m => m.type() === 'error' && errs.push(m.text()));
  p.on('pageerror', e => errs.push(e.message));
  
  await p.goto(`http://${host}.localhost:${port}${path}`);
  const name = `/tmp/gdev/${host}${path.replace(/\//g,'_')}${width}.png`;
  await p.screenshot({ path: name });
  console.log(name, errs);
  await p.close();
}
await b.close();
