/**
 * The theme checker, in the style of Ghost's gscan: numbered rules in ./checks, each with a code,
 * a level (error, warning, recommendation), a fatal flag and help text. A theme that fails a fatal
 * rule cannot be activated on a site; everything else is shown to its author and the site owner.
 */
import path from 'node:path';
import type { ManifestProblem, ThemeManifest } from '../manifest/index.ts';
import { rules } from './checks/index.ts';
import { readThemeFiles, type TemplateFile, type ThemeFiles } from './files.ts';
import { helpers } from './helpers/index.ts';
import { templateUsage, type TemplateUsage } from './usage.ts';

export type CheckLevel = 'error' | 'warning' | 'recommendation';

/** One place a rule is broken. `line` is 1-based when known. */
export interface CheckFailure {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

export interface CheckRule {
  /** Stable, e.g. "GT002"; tools and docs refer to it. */
  readonly code: string;
  readonly name: string;
  readonly level: CheckLevel;
  /** A fatal failure keeps the theme from being activated. */
  readonly fatal: boolean;
  /** One line: what the rule wants. */
  readonly summary: string;
  /** How to fix a failure. */
  readonly help: string;
  run(context: CheckContext): CheckFailure[];
}

/** A rule that failed, with every place it failed. */
export interface CheckResult extends Omit<CheckRule, 'run'> {
  readonly failures: readonly CheckFailure[];
}

export interface CheckReport {
  readonly theme: string;
  readonly dir: string;
  /** The rules that failed, in rule order. */
  readonly results: readonly CheckResult[];
  /** False when a fatal rule failed: no site may use the theme. */
  readonly canActivate: boolean;
  readonly counts: Readonly<Record<CheckLevel, number>>;
}

export interface CheckContext {
  readonly files: ThemeFiles;
  /** The manifest when package.json is valid; rules that need it skip otherwise (rule GT001 reports it). */
  readonly manifest: ThemeManifest | null;
  /** Every template and partial that parsed, with what it uses. */
  readonly parsed: ReadonlyArray<{ readonly template: TemplateFile; readonly usage: TemplateUsage }>;
  readonly knownHelpers: ReadonlySet<string>;
}

/** Handlebars' own helpers, always there. */
const BUILT_IN_HELPERS = ['blockHelperMissing', 'each', 'helperMissing', 'if', 'log', 'lookup', 'unless', 'with'];

/** The names every theme may call as helpers: Handlebars' own and the engine's. */
export const KNOWN_HELPERS: ReadonlySet<string> = new Set([...BUILT_IN_HELPERS, ...Object.keys(helpers)]);

/** Reads a theme folder and runs every rule on it. */
export async function checkTheme(dir: string): Promise<CheckReport> {
  return checkThemeFiles(await readThemeFiles(path.resolve(dir)));
}

export function checkThemeFiles(files: ThemeFiles): CheckReport {
  const parsed = [...files.templates.values(), ...files.partials.values()]
    .filter((template) => template.ast)
    .map((template) => ({ template, usage: templateUsage(template.ast!) }));
  const context: CheckContext = { files, manifest: files.manifest.ok ? files.manifest.manifest : null, parsed, knownHelpers: KNOWN_HELPERS };
  const results: CheckResult[] = [];
  for (const rule of rules) {
    const failures = rule.run(context);
    if (failures.length === 0) continue;
    const { code, name, level, fatal, summary, help } = rule;
    results.push({ code, name, level, fatal, summary, help, failures });
  }
  const counts = { error: 0, warning: 0, recommendation: 0 };
  for (const result of results) counts[result.level] += result.failures.length;
  return { theme: files.id, dir: files.dir, results, canActivate: !results.some((result) => result.fatal), counts };
}

/** The fatal failures as problems, in the form site refusals and `guild site validate` print. */
export function fatalProblems(report: CheckReport): ManifestProblem[] {
  return report.results
    .filter((result) => result.fatal)
    .flatMap((result) =>
      result.failures.map((failure) => ({
        file: failure.file,
        path: failure.line ? `line ${failure.line}` : '/',
        message: `${failure.message} [${result.code} ${result.name}: ${result.help}]`,
      })),
    );
}

/** The report as text for a terminal: rules grouped by level, each failure on its own line. */
export function formatReport(report: CheckReport, shown: (file: string) => string = (file) => file): string {
  const lines: string[] = [];
  for (const level of ['error', 'warning', 'recommendation'] as const) {
    const results = report.results.filter((result) => result.level === level);
    if (results.length === 0) continue;
    lines.push('', `${level === 'error' ? 'Errors' : level === 'warning' ? 'Warnings' : 'Recommendations'}:`);
    for (const result of results) {
      lines.push(`  ${result.code} ${result.name}${result.fatal ? ' (fatal)' : ''}: ${result.summary}`);
      for (const failure of result.failures) lines.push(`    ${shown(failure.file)}${failure.line ? `:${failure.line}` : ''} ${failure.message}`);
      lines.push(`    How to fix: ${result.help}`);
    }
  }
  const { error, warning, recommendation } = report.counts;
  const verdict = report.canActivate ? 'can be activated' : 'cannot be activated until the fatal errors are fixed';
  lines.push('', `Theme "${report.theme}": ${error} error(s), ${warning} warning(s), ${recommendation} recommendation(s); it ${verdict}.`);
  return lines.join('\n').trimStart();
}
