/**
 * `guild theme new`: a new theme folder from ./scaffold, a small complete theme that passes the
 * checker with nothing to report, ready to be changed. Only package.json and README.md carry the
 * theme's name; the templates are copied as they are.
 */
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GUILD_VERSION } from '../version.ts';

const SCAFFOLD_DIR = fileURLToPath(new URL('./scaffold/', import.meta.url));
const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Creates `<parent>/<name>`; throws with what to do when the name is not valid or the folder is taken. */
export async function scaffoldTheme(name: string, parent: string): Promise<string> {
  if (!NAME.test(name)) throw new Error(`"${name}" cannot name a theme: use lowercase letters, digits and dashes, like "harbour".`);
  const dir = path.resolve(parent, name);
  if (existsSync(dir) && (await readdir(dir)).length > 0) throw new Error(`${dir} already exists and is not empty; pick another name or folder.`);
  await cp(SCAFFOLD_DIR, dir, { recursive: true });
  const [major, minor] = GUILD_VERSION.split('.');
  for (const file of ['package.json', 'README.md']) {
    const target = path.join(dir, file);
    const text = await readFile(target, 'utf8');
    await writeFile(target, text.replaceAll('__NAME__', name).replaceAll('__GUILD_MAJOR_MINOR__', `${major}.${minor}.0`));
  }
  return dir;
}
