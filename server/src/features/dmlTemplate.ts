// Language-server process: the JSON template of `InferTypeOf<typeof Model>` (or
// `InferEntityType`), a record of a module's data model, read from the model's `model.define(...)`
// call. The type itself rarely resolves (Medusa's DML types live in @medusajs/utils, which input
// templates leave out: their types are huge), but the definition says each field. Used by
// inputTemplate.ts; reads, never runs.
import ts from 'typescript';

const SOME_DATE = '2024-01-01T00:00:00.000Z';

/** The template of an `InferTypeOf<typeof X>` type node whose X is a `model.define(...)`, else
 * undefined. Fields by their DML kind; a `belongsTo` relation gives its `<name>_id`; relations to
 * many records and the timestamps Medusa adds are left out. */
export function dmlTemplate(
  node: ts.TypeNode,
  checker: ts.TypeChecker,
): Record<string, unknown> | undefined {
  const fields = modelFields(node, checker);
  if (!fields) return undefined;
  const out: Record<string, unknown> = {};
  for (const prop of fields.properties) {
    if (!ts.isPropertyAssignment(prop)) continue;
    const name = propertyName(prop.name);
    const kind = name && dmlKind(prop.initializer);
    if (!name || !kind) continue;
    if (kind.name === 'belongsTo') out[`${name}_id`] = '';
    else if (!['hasOne', 'hasMany', 'manyToMany'].includes(kind.name))
      out[name] = fieldValue(kind, checker);
  }
  return out;
}

/** The object of fields in `model.define(name, { ... })` behind `InferTypeOf<typeof X>` or
 * `InferEntityType<typeof X>`. */
function modelFields(
  node: ts.TypeNode,
  checker: ts.TypeChecker,
): ts.ObjectLiteralExpression | undefined {
  if (!ts.isTypeReferenceNode(node)) return undefined;
  const name = ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text;
  const arg = node.typeArguments?.[0];
  if (!/^Infer(TypeOf|EntityType)$/.test(name) || !arg || !ts.isTypeQueryNode(arg))
    return undefined;
  let symbol = checker.getSymbolAtLocation(arg.exprName);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const decl = symbol?.valueDeclaration;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  // `model.define(...)`, maybe followed by `.indexes([...])`, `.cascades({...})`.
  let expr: ts.Expression = decl.initializer;
  while (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression)) {
    if (expr.expression.name.text === 'define') {
      const fields = expr.arguments[1];
      return fields && ts.isObjectLiteralExpression(fields) ? fields : undefined;
    }
    expr = expr.expression.expression;
  }
  return undefined;
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

/** The `model.<kind>(...)` call at the start of a field's chain (`model.text().index()`). */
function dmlKind(expr: ts.Expression): { name: string; call: ts.CallExpression } | undefined {
  let e = expr;
  let kind: { name: string; call: ts.CallExpression } | undefined;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    kind = { name: e.expression.name.text, call: e };
    e = e.expression.expression;
  }
  return ts.isIdentifier(e) ? kind : undefined;
}

function fieldValue(kind: { name: string; call: ts.CallExpression }, checker: ts.TypeChecker) {
  switch (kind.name) {
    case 'id':
    case 'text':
      return '';
    case 'number':
    case 'bigNumber':
    case 'float':
    case 'autoincrement':
      return 0;
    case 'boolean':
      return false;
    case 'dateTime':
      return SOME_DATE;
    case 'json':
      return {};
    case 'array':
      return [];
    case 'enum':
      return firstEnumValue(kind.call, checker);
    default:
      return null;
  }
}

/** `model.enum(["a", "b"])` or `model.enum(Object.values(Status))`: its first value. */
function firstEnumValue(call: ts.CallExpression, checker: ts.TypeChecker): unknown {
  const values = call.arguments[0];
  if (!values) return '';
  if (ts.isArrayLiteralExpression(values)) {
    const first = values.elements[0];
    if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)))
      return first.text;
  }
  const type = checker.getTypeAtLocation(values);
  const item = checker.isArrayType(type)
    ? checker.getTypeArguments(type as ts.TypeReference)[0]
    : undefined;
  const first = item?.isUnion() ? item.types[0] : item;
  return first?.isStringLiteral() ? first.value : '';
}
