/**
 * Validates manifests against the published JSON Schemas in ./schemas and turns every problem
 * into one line that names the JSON path and what is expected there. The schemas carry the
 * wording (`errorMessage`, and `description` for missing properties), so the published files,
 * the editor hints and the CLI's messages all say the same thing.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import ajvErrorsModule from 'ajv-errors';
import ajvFormatsModule from 'ajv-formats';
import semver from 'semver';
import { isTimeZone } from '../time.ts';
import type { ManifestKind, ManifestProblem } from './types.ts';

// Both packages are CommonJS with a default export; under NodeNext their types need this nudge.
const addFormats = ajvFormatsModule as unknown as typeof ajvFormatsModule.default;
const addErrors = ajvErrorsModule as unknown as typeof ajvErrorsModule.default;

export const SCHEMA_FILES: Readonly<Record<ManifestKind, URL>> = {
  site: new URL('./schemas/site.schema.json', import.meta.url),
  plugin: new URL('./schemas/plugin.schema.json', import.meta.url),
  theme: new URL('./schemas/theme.schema.json', import.meta.url),
};


function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  addFormats(ajv, ['email', 'uri', 'uri-reference']);
  addErrors(ajv);
  ajv.addFormat('semver', (value: string) => semver.valid(value) !== null);
  ajv.addFormat('semver-range', (value: string) => semver.validRange(value) !== null);
  ajv.addFormat('timezone', isTimeZone);
  return ajv;
}

const ajv = createAjv();
const validators = new Map<ManifestKind, ValidateFunction>();

function validatorFor(kind: ManifestKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILES[kind], 'utf8')));
    validators.set(kind, validate);
  }
  return validate;
}

/** Checks data against a schema and returns its problems (none when valid). */
export function schemaProblems(kind: ManifestKind, data: unknown, file: string): ManifestProblem[] {
  const validate = validatorFor(kind);
  if (validate(data)) return [];
  return toProblems(validate.errors ?? [], file);
}

/** Checks plugin settings from a site.json against the schema in the plugin's manifest. */
export function settingsProblems(schema: object, settings: unknown, file: string, basePath: string): ManifestProblem[] {
  let validate: ValidateFunction;
  try {
    validate = settingsValidator(schema);
  } catch (error) {
    return [{ file, path: basePath, message: `cannot be checked: the plugin's settings schema is broken (${(error as Error).message})` }];
  }
  if (validate(settings)) return [];
  return toProblems(validate.errors ?? [], file, basePath);
}

/**
 * Each plugin's settings schema compiled once, not every time a site using it opens: found by the
 * schema object itself (the catalog keeps one manifest object per plugin version), else by its text.
 */
const settingsValidators = new Map<string, ValidateFunction>();
const settingsValidatorsBySchema = new WeakMap<object, ValidateFunction>();

function settingsValidator(schema: object): ValidateFunction {
  let validate = settingsValidatorsBySchema.get(schema);
  if (validate) return validate;
  const key = JSON.stringify(schema);
  validate = settingsValidators.get(key);
  if (!validate) {
    validate = ajv.compile({ ...schema, $id: undefined });
    settingsValidators.set(key, validate);
  }
  settingsValidatorsBySchema.set(schema, validate);
  return validate;
}

function toProblems(errors: readonly ErrorObject[], file: string, basePath = ''): ManifestProblem[] {
  // A bad property name is reported by its own rule's wording; the generic wrapper adds nothing.
  const useful = errors.filter((error) => error.keyword !== 'propertyNames');
  return dedupe(useful.map((error) => toProblem(error, file, basePath)));
}

function toProblem(error: ErrorObject, file: string, basePath: string): ManifestProblem {
  const at = basePath + error.instancePath;
  if (error.keyword === 'required') {
    const missing = String(error.params.missingProperty);
    const description = (error.parentSchema?.properties as Record<string, { description?: string }> | undefined)?.[missing]?.description;
    return { file, path: `${at}/${missing}`, message: description ? `is required: ${description}` : 'is required' };
  }
  if (error.keyword === 'additionalProperties') {
    const extra = String(error.params.additionalProperty);
    const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {}).filter((key) => key !== '$schema');
    const guess = closest(extra, known);
    const hint = guess ? `; did you mean "${guess}"?` : known.length ? `; known properties: ${known.join(', ')}` : '';
    return { file, path: `${at}/${extra}`, message: `is not a known property${hint}` };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ');
    return { file, path: at || '/', message: `must be one of: ${allowed}` };
  }
  return { file, path: at || '/', message: error.message ?? 'is not valid' };
}

function dedupe(problems: ManifestProblem[]): ManifestProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The known word nearest to a misspelt one, if it is near enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** How many letters must change to turn one word into the other (Levenshtein). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
