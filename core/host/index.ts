export { createApp } from './app.ts';
export { INSTALL_DIR, resolveConfig, urlFor, type HostConfig } from './config.ts';
export { createHost, type Host } from './host.ts';
export { SiteRefused, SiteRegistry, type SiteEntry, type SiteStatus } from './registry.ts';
export { createServices, openRegistry } from './services.ts';
export { createSite, type NewSite } from './create-site.ts';
export { INSTALL_RECORD, installPackage, pickVersion, removePackage, type InstallContext, type Installed, type InstallRequest, type Removed } from './install.ts';
export { siteRegistration } from './register-site.ts';
export { trustDirectory, trustedDirectoryKeys } from './trust.ts';
