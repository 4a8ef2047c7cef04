/**
 * Ghost's Content API for a site (core/ghost-api), fed with this site's store and settings:
 * headless front ends and Ghost's own client read a Guild site as they read a Ghost one.
 */
import type { Response } from 'express';
import { contentApiRouter, NO_SEO_FIELDS } from '../ghost-api/index.ts';
import { DEFAULT_ACCENT_COLOR } from './ghost-head.ts';
import type { Site } from './site.ts';

export function siteContentApi(locals: (res: Response) => { site: Site; baseUrl: string }) {
  return contentApiRouter((res) => {
    const { site, baseUrl } = locals(res);
    const siteUrl = site.info(baseUrl).url;
    return { store: site.store, siteUrl, settings: () => ghostSettings(site, siteUrl) };
  });
}

/** Ghost's public settings object, from site.json and the site's menus. */
async function ghostSettings(site: Site, siteUrl: string): Promise<Record<string, unknown>> {
  const manifest = site.manifest;
  const absolute = (url: string | undefined) => (!url ? null : url.startsWith('/') ? `${siteUrl}${url}` : url);
  const menu = async (name?: string) => (await site.store.getNavigation(name)).map((item) => ({ label: item.label, url: item.url }));
  return {
    title: manifest.title,
    description: manifest.description ?? '',
    logo: absolute(manifest.logo),
    icon: absolute(manifest.icon),
    accent_color: manifest.accentColor ?? DEFAULT_ACCENT_COLOR,
    cover_image: absolute(manifest.coverImage),
    facebook: manifest.social?.facebook ?? null,
    twitter: manifest.social?.twitter ?? manifest.social?.x ?? null,
    lang: manifest.locale ?? 'en',
    locale: manifest.locale ?? 'en',
    timezone: manifest.timezone ?? 'UTC',
    codeinjection_head: manifest.codeInjection?.head ?? null,
    codeinjection_foot: manifest.codeInjection?.foot ?? null,
    navigation: await menu(),
    secondary_navigation: await menu('secondary'),
    ...NO_SEO_FIELDS,
    members_support_address: null,
    members_enabled: false,
    allow_self_signup: false,
    members_invite_only: false,
    members_signup_access: 'none',
    paid_members_enabled: false,
    firstpromoter_account: null,
    portal_button_style: null,
    portal_button_signup_text: null,
    portal_button_icon: null,
    portal_signup_terms_html: null,
    portal_signup_checkbox_required: false,
    portal_plans: [],
    portal_default_plan: null,
    portal_name: false,
    portal_button: false,
    comments_enabled: 'off',
    recommendations_enabled: false,
    outbound_link_tagging: false,
    default_email_address: null,
    support_email_address: null,
    editor_default_email_recipients: 'disabled',
    labs: {},
    url: `${siteUrl}/`,
    version: '5.0',
  };
}
