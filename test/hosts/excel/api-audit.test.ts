// Issue 11: which Excel versions the add-in runs on, read from the code itself. TypeScript's checker
// finds every Office.js member the sources use and its requirement set from @types/office-js's
// "[Api set: ExcelApi x.y]" annotation. A member above what the manifest asks for must sit behind
// a capability check; the manifest asks for exactly what the unguarded code needs, and that stays
// within Excel 2021 (ExcelApi 1.14).
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";

const ROOT = path.join(__dirname, "..", "..", "..");
const EXCEL_2021 = 1.14;
/** A condition that asks for a capability: caps.notes, capabilities(), isSetSupported(...). */
const GUARD = /\bcaps\.\w+|isSetSupported|capabilities\(/;

interface Use {
  member: string;
  version: number;
  at: string;
  guarded: boolean;
}

const version = (major: string, minor: string) => Number(major) + Number(minor) / 100;
const show = (v: number) => `${Math.floor(v)}.${Math.round((v % 1) * 100)}`;

function audit(): Use[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error("tsconfig.json not read");
  const program = ts.createProgram(config.fileNames, config.options);
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.includes(`${path.sep}src${path.sep}`) && !sf.fileName.includes("/src/")) continue;
    const isGuarded = (node: ts.Node, depth = 0): boolean => {
      for (let n: ts.Node = node; n.parent; n = n.parent) {
        const p = n.parent;
        if (ts.isIfStatement(p) && p.thenStatement === n && GUARD.test(p.expression.getText(sf))) return true;
        if (ts.isConditionalExpression(p) && p.whenTrue === n && GUARD.test(p.condition.getText(sf))) return true;
        if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && p.right === n && GUARD.test(p.left.getText(sf))) return true;
        // A function every call of which is guarded (e.g. writePages, called only with caps.pageLayout).
        if ((ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p)) && p.name && depth < 3) {
          const name = p.name.getText(sf);
          const calls: ts.Node[] = [];
          const find = (x: ts.Node) => {
            if (ts.isCallExpression(x) && x.expression.getText(sf) === name) calls.push(x);
            ts.forEachChild(x, find);
          };
          find(sf);
          return calls.length > 0 && calls.every((c) => isGuarded(c, depth + 1));
        }
      }
      return false;
    };
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        const decl = symbol?.declarations?.[0];
        if (symbol && decl && decl.getSourceFile().fileName.includes("@types/office-js")) {
          const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)) + symbol.getJsDocTags(checker).map((t) => ts.displayPartsToString(t.text)).join(" ");
          const m = /\[Api set: ExcelApi (\d+)\.(\d+)/.exec(doc);
          if (m) {
            uses.push({
              member: checker.getFullyQualifiedName(symbol), version: version(m[1], m[2]), guarded: isGuarded(node),
              at: `${path.relative(ROOT, sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`,
            });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return uses;
}

const uses = audit();
const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const declared = /<Set Name="ExcelApi" MinVersion="(\d+)\.(\d+)"\/>/.exec(manifest);

test("the audit sees the add-in's Office.js use, including the notes API (ExcelApi 1.18)", () => {
  expect(uses.length).toBeGreaterThan(50);
  expect(uses.some((u) => u.member === "Excel.Workbook.notes" && u.version === 1.18)).toBe(true);
});

test("every member above the manifest's ExcelApi sits behind a capability check", () => {
  expect(declared).not.toBeNull();
  const min = version((declared as RegExpExecArray)[1], (declared as RegExpExecArray)[2]);
  const unguarded = uses.filter((u) => u.version > min && !u.guarded).map((u) => `${u.member} (ExcelApi ${show(u.version)}) at ${u.at}`);
  expect(unguarded).toEqual([]);
});

test("the manifest asks for exactly the ExcelApi the unguarded code needs, within Excel 2021 (1.14)", () => {
  const needed = Math.max(...uses.filter((u) => !u.guarded).map((u) => u.version));
  expect(`${(declared as RegExpExecArray)[1]}.${(declared as RegExpExecArray)[2]}`).toBe(show(needed));
  expect(needed).toBeLessThanOrEqual(EXCEL_2021);
});
