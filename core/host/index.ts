export { createApp } from './app.ts';
export { INSTALL_DIR, resolveConfig, urlFor, type HostConfig } from './config.ts';
export { createHost, type Host } from './host.ts';
export { SiteRefused, SiteRegistry, type SiteEntry, type SiteStatus } from './registry.ts';
export { createServices, openRegistry } from './services.ts';
export { createSite, type NewSite } from './create-site.ts';
export { activatePlugin, deactivatePlugin, uninstallPlugin, type SiteOutcome } from './plugin-lifecycle.ts';
export { editSiteManifest } from './site-manifest-file.ts';
