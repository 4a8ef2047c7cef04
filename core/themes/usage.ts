/**
 * What a parsed template uses, found by walking its syntax tree once: the helpers it calls, the
 * partials it includes, the `@custom` settings it reads, and the literal arguments of a few
 * helpers the checker looks into (`img_url size`, `get` resources). Each use carries its line.
 */
import { childrenOf, type SyntaxNode as Node } from './syntax.ts';

export interface Use {
  readonly name: string;
  readonly line: number;
}

export interface TemplateUsage {
  /** Names called as helpers: with arguments, as a block with arguments, or in a subexpression. */
  readonly helpers: Use[];
  /** Every name in a mustache or block position, helper or not ({{title}}, {{#post}}). */
  readonly mustaches: Use[];
  /** Partials named literally ({{> "card"}}); dynamic names cannot be known before render. */
  readonly partials: Use[];
  readonly customKeys: Use[];
  /** Literal `size` arguments of {{img_url}}. */
  readonly imageSizes: Use[];
  /** Literal resources of {{#get}}. */
  readonly getResources: Use[];
  /** Partials the template defines itself with {{#*inline "name"}}. */
  readonly inlinePartials: Use[];
}

export function templateUsage(program: hbs.AST.Program): TemplateUsage {
  const usage: TemplateUsage = { helpers: [], mustaches: [], partials: [], customKeys: [], imageSizes: [], getResources: [], inlinePartials: [] };
  visit(program as Node, usage);
  return usage;
}

function visit(node: Node | null | undefined, usage: TemplateUsage): void {
  if (!node || typeof node !== 'object') return;
  const line = node.loc?.start?.line ?? 0;
  switch (node.type) {
    case 'Program':
    case 'Hash':
      for (const child of childrenOf(node)) visit(child, usage);
      return;
    case 'DecoratorBlock':
    case 'Decorator':
      if (simpleName(node.path) === 'inline' && node.params[0]?.type === 'StringLiteral') usage.inlinePartials.push({ name: node.params[0].value, line });
      visit(node.program, usage);
      return;
    case 'MustacheStatement':
    case 'BlockStatement':
    case 'SubExpression': {
      const name = simpleName(node.path);
      const hasArguments = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
      if (name) {
        if (node.type !== 'SubExpression') usage.mustaches.push({ name, line });
        if (hasArguments || node.type === 'SubExpression') usage.helpers.push({ name, line });
        if (name === 'img_url') literalHash(node, 'size', line, usage.imageSizes);
        if (name === 'get' && node.params[0]?.type === 'StringLiteral') usage.getResources.push({ name: node.params[0].value, line });
      }
      for (const child of childrenOf(node)) visit(child, usage);
      return;
    }
    case 'PartialStatement':
    case 'PartialBlockStatement': {
      const name = node.name.type === 'PathExpression' ? node.name.original : node.name.type === 'StringLiteral' ? node.name.value : null;
      if (name) usage.partials.push({ name, line });
      else visit(node.name, usage);
      for (const param of node.params) visit(param, usage);
      visit(node.hash, usage);
      visit(node.program, usage);
      return;
    }
    case 'PathExpression':
      if (node.data && node.parts[0] === 'custom' && typeof node.parts[1] === 'string') usage.customKeys.push({ name: node.parts[1], line });
      return;
    default:
      return;
  }
}

/** `foo` in {{foo ...}}; not `foo.bar`, `this`, `../foo` or `@foo`, which are never helpers. */
function simpleName(path: Node | undefined): string | null {
  if (!path || path.type !== 'PathExpression' || path.data || path.parts.length !== 1 || path.depth > 0) return null;
  return /^(this|\.)$/.test(path.original) || path.original.includes('/') || path.original.startsWith('this.') ? null : path.parts[0];
}

function literalHash(node: Node, key: string, line: number, into: Use[]): void {
  const pair = node.hash?.pairs.find((candidate: { key: string }) => candidate.key === key);
  if (pair?.value.type === 'StringLiteral') into.push({ name: pair.value.value, line });
}
