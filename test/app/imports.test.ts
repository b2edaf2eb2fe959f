// No import circles inside app/ and the file layer (type imports included): the port (app/port.ts)
// holds the types hosts implement, so check -> port -> writeback -> supervision -> check cannot return.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The circles among a folder's modules, each as "a -> b -> a". */
function circles(dir: string): string[] {
  const edges = new Map<string, string[]>();
  for (const f of fs.readdirSync(dir).filter((n) => /\.tsx?$/.test(n))) {
    const src = fs.readFileSync(path.join(dir, f), "utf8");
    edges.set(f.replace(/\.tsx?$/, ""), [...new Set([...src.matchAll(/^(?:import|export)\b[^;]*?from "\.\/([\w.-]+)"/gms)].map((m) => m[1]))]);
  }
  const found: string[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, "open");
    stack.push(n);
    for (const d of edges.get(n) ?? []) {
      if (state.get(d) === "open") found.push([...stack.slice(stack.indexOf(d)), d].join(" -> "));
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, "done");
  };
  for (const n of edges.keys()) if (!state.has(n)) visit(n);
  return found;
}

const SRC = path.join(__dirname, "..", "..", "src");

test.each(["app", "hosts/xlsx", "domain", "forms"])("src/%s has no import circle", (folder) => {
  expect(circles(path.join(SRC, folder))).toEqual([]);
});

test("the check finds a circle where there is one", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kz-imports-"));
  fs.writeFileSync(path.join(dir, "a.ts"), `import type { B } from "./b";\nexport type A = B;\n`);
  fs.writeFileSync(path.join(dir, "b.ts"), `import { x } from "./c";\nexport type B = number;\n`);
  fs.writeFileSync(path.join(dir, "c.ts"), `export { y as x } from "./a";\n`);
  expect(circles(dir)).toEqual(["a -> b -> c -> a"]);
});
