/**
 * What the admin keeps for each open site: its revisions, its media library and the writer of
 * its site.json. Made on the first admin request to a site and dropped with the site object
 * (a WeakMap held by the admin of one host: no module-level state); site.json writers are kept by slug.
 */
import path from 'node:path';
import { Revisions } from '../content/index.ts';
import { MediaLibrary, type MediaStorage } from '../media/index.ts';
import type { Site } from '../site/index.ts';
import { ManifestWriter } from './site-manifest.ts';

export interface SiteState {
  readonly revisions: Revisions;
  readonly media: MediaLibrary;
  readonly manifest: ManifestWriter;
}

export function siteStates(reloadSite: (slug: string) => Promise<void>, media: MediaStorage): (site: Site) => SiteState {
  const states = new WeakMap<Site, SiteState>();
  // By slug, not by site object: a save reloads the site, and the next save must still queue behind it.
  const writers = new Map<string, ManifestWriter>();
  return (site) => {
    let state = states.get(site);
    if (!state) {
      let manifest = writers.get(site.slug);
      if (!manifest) {
        manifest = new ManifestWriter(path.join(site.dir, 'site.json'), site.slug, () => reloadSite(site.slug));
        writers.set(site.slug, manifest);
      }
      state = {
        revisions: new Revisions(site.contentSql),
        media: new MediaLibrary(site.contentSql, media.forSite(site), site.theme.manifest.config?.image_sizes),
        manifest,
      };
      states.set(site, state);
    }
    return state;
  };
}
