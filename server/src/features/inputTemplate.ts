// Language-server process: the JSON template of a workflow's input, built from its TypeScript
// type with the compiler's type checker (one small program for the workflow's file, on request);
// a module's data model (`InferTypeOf<typeof Model>`) from its definition (dmlTemplate.ts).
// Used by workflowRequests.ts for `medusaWorkflows/inputTemplate`; reads files, never runs them.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { dmlTemplate } from './dmlTemplate';

export interface InputTemplate {
  /** A JSON value of the input's type: placeholders for strings/numbers, first member of unions. */
  template: unknown;
  /** The input type as TypeScript prints it (empty when the workflow takes no input). */
  type: string;
  /** Dotted paths of optional properties present in the template (`items[].note`). */
  optional: string[];
}

const MAX_DEPTH = 8;
const SOME_DATE = '2024-01-01T00:00:00.000Z';

/**
 * How far the program reaches from the workflow's file. Most input types are declared in the file
 * itself or next to it, so the small programs come first; a type that does not resolve in one (an
 * error type somewhere in it) is built again with the next, up to @medusajs/types.
 */
const REACH = ['file', 'relative', 'packages'] as const;
type Reach = (typeof REACH)[number];

/** The template for the createWorkflow call that starts on `line` (0-based) of `file`. */
export function inputTemplate(file: string, line: number): InputTemplate | undefined {
  const options = compilerOptions(file);
  let last: InputTemplate | undefined;
  for (const reach of REACH) {
    const built = buildTemplate(file, line, options, reach);
    if (!built) return undefined;
    last = built.template;
    if (!built.unresolved) break;
  }
  return last;
}

function buildTemplate(
  file: string,
  line: number,
  options: ts.CompilerOptions,
  reach: Reach,
): { template: InputTemplate; unresolved: boolean } | undefined {
  // The small programs leave out the automatic @types packages and the DOM library: a type that
  // needs them is an error type there and is built again with the full program.
  const scoped: ts.CompilerOptions =
    reach === 'packages' ? options : { ...options, types: [], lib: ['lib.es2022.d.ts'] };
  const program = ts.createProgram([file], scoped, compilerHost(file, scoped, reach));
  const source = program.getSourceFile(file);
  if (!source) return undefined;
  const call = findCreateWorkflow(source, line);
  if (!call) return undefined;
  const checker = program.getTypeChecker();
  const typeNode = inputTypeNode(call, source);
  const composer = call.arguments[1];
  const param =
    composer && (ts.isArrowFunction(composer) || ts.isFunctionExpression(composer))
      ? composer.parameters[0]
      : undefined;
  if (!typeNode && !param) {
    return { template: { template: {}, type: '', optional: [] }, unresolved: false };
  }
  const type = typeNode ? checker.getTypeFromTypeNode(typeNode) : checker.getTypeAtLocation(param!);
  const optional: string[] = [];
  const builder = new Builder(checker, call, optional);
  const template = builder.value(type, '', 0, typeNode ?? param?.type);
  return {
    template: { template, type: checker.typeToString(type), optional },
    unresolved: builder.unresolved,
  };
}

function compilerOptions(file: string): ts.CompilerOptions {
  const base: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    allowJs: true,
  };
  const config = ts.findConfigFile(dirname(file), (f) => ts.sys.fileExists(f));
  if (!config) return base;
  const read = ts.readConfigFile(config, (f) => ts.sys.readFile(f));
  if (read.error) return base;
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(config));
  return { ...parsed.options, noEmit: true, skipLibCheck: true };
}

/**
 * Medusa's runtime packages are skipped (their types are huge and the input type rarely lives
 * there): the program holds the file, its relative imports and @medusajs/types. The standard
 * library comes from the project's own TypeScript (the server bundle carries no lib files).
 */
const SKIPPED = /^@medusajs\/(?!types(\/|$))/;

/** Declarations of packages (the standard library, @medusajs/types) parsed once per server. */
const packageFiles = new Map<string, ts.SourceFile>();

function compilerHost(file: string, options: ts.CompilerOptions, reach: Reach): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) => {
    if (!/[\\/]node_modules[\\/]/.test(name)) return read(name, version, onError);
    let cached = packageFiles.get(name);
    if (!cached) {
      cached = read(name, version, onError);
      if (cached) packageFiles.set(name, cached);
    }
    return cached;
  };
  const lib = projectLib(file);
  if (lib) host.getDefaultLibLocation = () => lib;
  if (lib) host.getDefaultLibFileName = (o) => join(lib, ts.getDefaultLibFileName(o));
  host.resolveModuleNameLiterals = (literals, containing, redirected, opts) =>
    literals.map((literal) => {
      const name = literal.text === '@medusajs/framework/types' ? '@medusajs/types' : literal.text;
      if (SKIPPED.test(name)) return { resolvedModule: undefined };
      if (reach === 'file') return { resolvedModule: undefined };
      if (reach === 'relative' && !/^\.\.?(\/|$)/.test(name)) return { resolvedModule: undefined };
      return ts.resolveModuleName(name, containing, opts, host, undefined, redirected);
    });
  return host;
}

function projectLib(file: string): string | undefined {
  try {
    return dirname(createRequire(file).resolve('typescript'));
  } catch {
    return undefined;
  }
}

function findCreateWorkflow(source: ts.SourceFile, line: number): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isCallExpression(node) &&
      /(^|\.)createWorkflow$/.test(node.expression.getText(source))
    ) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      if (start === line) {
        found = node;
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `createWorkflow<In>(...)`, else the composer parameter's annotation, `WorkflowData<In>` unwrapped. */
function inputTypeNode(call: ts.CallExpression, source: ts.SourceFile): ts.TypeNode | undefined {
  const given = call.typeArguments?.[0];
  if (given) return given;
  const composer = call.arguments[1];
  if (!composer || !(ts.isArrowFunction(composer) || ts.isFunctionExpression(composer))) return;
  let node = composer.parameters[0]?.type;
  while (
    node &&
    ts.isTypeReferenceNode(node) &&
    /^(WorkflowData|WorkflowDataProperties)$/.test(node.typeName.getText(source)) &&
    node.typeArguments?.[0]
  ) {
    node = node.typeArguments[0];
  }
  return node;
}

class Builder {
  /** Set when the type reaches a name the program could not resolve (an error type). */
  unresolved = false;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly at: ts.Node,
    private readonly optional: string[],
  ) {}

  /** `node`: the type as written, when known (a data model's record is read from its definition). */
  value(type: ts.Type, path: string, depth: number, node?: ts.TypeNode): unknown {
    if (depth > MAX_DEPTH) return null;
    node = writtenType(node);
    const model = node && dmlTemplate(node, this.checker);
    if (model) return model;
    const f = type.flags;
    if (f & ts.TypeFlags.StringLiteral) return (type as ts.StringLiteralType).value;
    if (f & ts.TypeFlags.NumberLiteral) return (type as ts.NumberLiteralType).value;
    if (f & ts.TypeFlags.BooleanLiteral) return this.checker.typeToString(type) === 'true';
    if (f & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return '';
    if (f & (ts.TypeFlags.Number | ts.TypeFlags.BigInt)) return 0;
    if (f & ts.TypeFlags.Boolean) return false;
    if (f & ts.TypeFlags.Any && (type as { intrinsicName?: string }).intrinsicName === 'error')
      this.unresolved = true;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Null)) return null;
    if (f & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) return null;
    if (type.isUnion()) return this.union(type, path, depth, node);
    if (this.checker.isTupleType(type)) {
      const items = this.checker.getTypeArguments(type as ts.TypeReference);
      return items.map((t, i) => this.value(t, `${path}[${i}]`, depth + 1));
    }
    if (this.checker.isArrayType(type)) {
      const [item] = this.checker.getTypeArguments(type as ts.TypeReference);
      return item ? [this.value(item, `${path}[]`, depth + 1, elementNode(node))] : [];
    }
    if (type.getSymbol()?.getName() === 'Date') return SOME_DATE;
    if (f & ts.TypeFlags.Object || type.isIntersection()) return this.object(type, path, depth);
    return null;
  }

  /** Optional `T | undefined` is T; `true | false` is false; otherwise the first member. */
  private union(type: ts.UnionType, path: string, depth: number, node?: ts.TypeNode): unknown {
    const nullish = ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void;
    const members = type.types.filter((t) => !(t.flags & nullish));
    if (members.length === 0) return null;
    if (members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return false;
    // The type as written only when it has that one member (writtenType took the null away).
    const written = members.length === 1 ? node : undefined;
    return this.value(members[0]!, path, depth, written);
  }

  private object(type: ts.Type, path: string, depth: number): unknown {
    const out: Record<string, unknown> = {};
    for (const prop of this.checker.getPropertiesOfType(type)) {
      const propType = this.checker.getTypeOfSymbolAtLocation(prop, this.at);
      if (propType.getCallSignatures().length > 0) continue;
      const name = prop.getName();
      const where = path ? `${path}.${name}` : name;
      if (prop.flags & ts.SymbolFlags.Optional) this.optional.push(where);
      const decl = prop.valueDeclaration;
      const written =
        decl && (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl))
          ? decl.type
          : undefined;
      out[name] = this.value(this.checker.getNonNullableType(propType), where, depth + 1, written);
    }
    return out;
  }
}

/** The type as written without parentheses, nor `| null` / `| undefined` beside one type. */
function writtenType(node: ts.TypeNode | undefined): ts.TypeNode | undefined {
  while (node && ts.isParenthesizedTypeNode(node)) node = node.type;
  if (node && ts.isUnionTypeNode(node)) {
    const members = node.types.filter((t) => !isNullishNode(t));
    if (members.length === 1) return writtenType(members[0]);
  }
  return node;
}

/** The element type as written of an array type node (`X[]`, `Array<X>`, `readonly X[]`). */
function elementNode(node: ts.TypeNode | undefined): ts.TypeNode | undefined {
  if (!node) return undefined;
  if (ts.isTypeOperatorNode(node)) return elementNode(node.type);
  if (ts.isArrayTypeNode(node)) return node.elementType;
  if (ts.isTypeReferenceNode(node) && /^(ReadonlyArray|Array)$/.test(node.typeName.getText()))
    return node.typeArguments?.[0];
  return undefined;
}

function isNullishNode(node: ts.TypeNode): boolean {
  if (node.kind === ts.SyntaxKind.UndefinedKeyword) return true;
  return ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword;
}
