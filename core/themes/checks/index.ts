/** Every rule of the theme checker, in the order they run and are reported. */
import type { CheckRule } from '../check.ts';
import { packageJson } from './001-package-json.ts';
import { requiredTemplates } from './002-required-templates.ts';
import { templateSyntax } from './003-template-syntax.ts';
import { layouts } from './004-layouts.ts';
import { unknownPartials } from './005-unknown-partials.ts';
import { unknownHelpers } from './006-unknown-helpers.ts';
import { customSettings } from './007-custom-settings.ts';
import { recommendedTemplates } from './008-recommended-templates.ts';
import { headAndFoot } from './009-head-and-foot.ts';
import { imageSizes } from './010-image-sizes.ts';
import { locales } from './011-locales.ts';
import { getResources } from './012-get-resources.ts';
import { engine } from './013-engine.ts';
import { folderName } from './014-folder-name.ts';
import { ghostRequirements } from './015-ghost-requirements.ts';
import { notOnGuild } from './016-not-on-guild.ts';

export const rules: readonly CheckRule[] = [
  packageJson,
  requiredTemplates,
  templateSyntax,
  layouts,
  unknownPartials,
  unknownHelpers,
  customSettings,
  recommendedTemplates,
  headAndFoot,
  imageSizes,
  locales,
  getResources,
  engine,
  folderName,
  ghostRequirements,
  notOnGuild,
];
