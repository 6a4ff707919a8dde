import ts from 'typescript';

/** One sf call as the source builds it: the literal words and every `--flag` it can pass. */
export type SfCall = { line: number; words: string[]; flags: string[] };

/** The functions that pass an argv to the sf CLI, and which argument holds it. */
const SF_RUNNERS: Record<string, number> = { runSf: 0, stepSf: 1 };

function literals(node: ts.Node): string[] {
  const found: string[] = [];
  const visit = (child: ts.Node) => {
    if (ts.isStringLiteral(child) || ts.isNoSubstitutionTemplateLiteral(child)) found.push(child.text);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** The leading words of an argv literal: string elements until the first flag or computed value. */
function leadingWords(array: ts.ArrayLiteralExpression): string[] {
  const words: string[] = [];
  for (const element of array.elements) {
    if (!ts.isStringLiteral(element) || element.text.startsWith('-')) break;
    words.push(element.text);
  }
  return words;
}

/**
 * Every sf call in a source file, in each form the setup writes it: `runSf([...])`, an argv built in
 * a variable (`const args = [...]; args.push('--flag'); runSf(args)`), flags spread in from a
 * mapping (`...names.flatMap((name) => ['--name', name])`). Read with the TypeScript compiler API so
 * a new form cannot slip past a regular expression.
 */
export function sfCallsIn(fileName: string, text: string): SfCall[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const arrays = new Map<string, ts.ArrayLiteralExpression>();
  const pushed = new Map<string, string[]>();
  const calls: Array<{ node: ts.CallExpression; argv: ts.Expression }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isArrayLiteralExpression(node.initializer))
      arrays.set(node.name.text, node.initializer);
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee) && callee.text in SF_RUNNERS && node.arguments[SF_RUNNERS[callee.text]])
        calls.push({ node, argv: node.arguments[SF_RUNNERS[callee.text]] });
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'push' && ts.isIdentifier(callee.expression)) {
        const list = pushed.get(callee.expression.text) ?? [];
        for (const argument of node.arguments) list.push(...literals(argument));
        pushed.set(callee.expression.text, list);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  // A runner that hands its own parameter on (stepSf calling runSf(args)) is no call of its own: its callers are.
  const isParameter = (identifier: ts.Identifier): boolean => {
    for (let node: ts.Node | undefined = identifier.parent; node; node = node.parent)
      if (
        ts.isFunctionLike(node) &&
        node.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === identifier.text)
      )
        return true;
    return false;
  };
  return calls
    .filter(({ argv }) => !(ts.isIdentifier(argv) && isParameter(argv)))
    .map(({ node, argv }) => {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      let array: ts.ArrayLiteralExpression | undefined;
      let extra: string[] = [];
      if (ts.isArrayLiteralExpression(argv)) array = argv;
      else if (ts.isIdentifier(argv)) {
        array = arrays.get(argv.text);
        extra = pushed.get(argv.text) ?? [];
      }
      if (!array) throw new Error(`${fileName}:${line}: an sf call whose argv the check cannot read; build it as an array literal.`);
      const all = [...literals(array), ...extra];
      return {
        line,
        words: leadingWords(array),
        flags: [...new Set(all.filter((word) => word.startsWith('--')).map((flag) => flag.slice(2)))]
      };
    });
}
