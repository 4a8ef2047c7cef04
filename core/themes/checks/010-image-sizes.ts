/** GT010: {{img_url size="..."}} must name a size declared in package.json. */
import type { CheckRule } from '../check.ts';

export const imageSizes: CheckRule = {
  code: 'GT010',
  name: 'image-sizes',
  level: 'warning',
  fatal: false,
  summary: 'every size used with {{img_url size="..."}} must be declared in package.json "config.image_sizes"',
  help: 'Declare the size, e.g. "config": {"image_sizes": {"m": {"width": 800}}}, or use a declared one. An undeclared size serves the original image.',
  run({ manifest, parsed }) {
    if (!manifest) return [];
    const declared = new Set(Object.keys(manifest.config?.image_sizes ?? {}));
    return parsed.flatMap(({ template, usage }) =>
      usage.imageSizes
        .filter((use) => !declared.has(use.name))
        .map((use) => ({ file: template.file, line: use.line, message: `asks for the image size "${use.name}", which package.json does not declare` })),
    );
  },
};
