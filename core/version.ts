/** Guild's own version, from package.json; plugin and theme engine ranges are checked against it. */
import { readFileSync } from 'node:fs';

export const GUILD_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
