/** Walking a template's syntax tree: what the checker (usage.ts) and fragment caching (fragments.ts) share. */

export type SyntaxNode = hbs.AST.Node & Record<string, any>;

/**
 * The nodes directly inside a program, a mustache, block or subexpression (its path, arguments,
 * hash and blocks) or a hash, in source order; none for other nodes, which each walk reads itself.
 */
export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  switch (node.type) {
    case 'Program':
      return node.body;
    case 'MustacheStatement':
    case 'BlockStatement':
    case 'SubExpression':
      return [node.path, ...node.params, node.hash, node.program, node.inverse].filter(Boolean);
    case 'Hash':
      return node.pairs.map((pair: hbs.AST.HashPair) => pair.value);
    default:
      return [];
  }
}
