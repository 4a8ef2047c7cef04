/**
 * GT016: Ghost helpers for features a Guild site does not have (members, paid subscriptions,
 * recommendations; comments it has) render what Ghost renders with those features off: nothing, or a
 * block's {{else}}. The theme works; the warning says what visitors see instead.
 */
import type { CheckFailure, CheckRule } from '../check.ts';
import { notAvailable } from '../helpers/not_available.ts';

const FEATURE: Readonly<Record<string, string>> = {
  recommendations: 'recommendations',
  content_api_key: 'the Content API key in templates (front ends get it from the site owner)',
  content_api_url: 'the Content API address in templates',
};

export const notOnGuild: CheckRule = {
  code: 'GT016',
  name: 'not-on-guild',
  level: 'warning',
  fatal: false,
  summary: 'Ghost helpers for members, subscriptions and recommendations render as on a Ghost site with those features off',
  help: 'Nothing to fix for the theme to work: the helper renders nothing (a block its {{else}}), as Ghost does with the feature off. Keep the markup around it sensible without it, or guard it with {{#if @site.members_enabled}}.',
  run({ parsed }) {
    const failures: CheckFailure[] = [];
    for (const { template, usage } of parsed) {
      for (const use of [...usage.helpers, ...usage.mustaches]) {
        if (!(use.name in notAvailable) || failures.some((failure) => failure.file === template.file && failure.line === use.line)) continue;
        const feature = FEATURE[use.name] ?? 'members and paid subscriptions';
        failures.push({ file: template.file, line: use.line, message: `calls {{${use.name}}}, which renders nothing on Guild (no ${feature}), as on a Ghost site with that feature off` });
      }
    }
    return failures;
  },
};
