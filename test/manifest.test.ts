import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { manifestProblems } from "./support/manifest-check";

const root = path.join(__dirname, "..");
const source = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");
const devAssets = { base: "https://localhost:3000/", dir: root };

describe("manifest.xml", () => {
  test("is structurally valid: order, resids, https, icons", () => {
    expect(manifestProblems(source, { assets: devAssets })).toEqual([]);
  });

  test("declares the shared runtime, the KZ namespace, the ribbon group and ReadWriteDocument", () => {
    expect(source).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
    expect(source).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\/>/);
    expect(source).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="KZ"\/>/);
    expect(source).toMatch(/<bt:String id="Group.Label" DefaultValue="课证认定">/);
    expect(source).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    expect(source).toMatch(/<DefaultLocale>zh-CN<\/DefaultLocale>/);
    expect(source).toMatch(/<FunctionName>runCheck<\/FunctionName>/);
  });

  describe("the validator catches", () => {
    const cases: [string, (xml: string) => string, RegExp][] = [
      ["an element out of order", (x) => x.replace(/(<Version>[^<]*<\/Version>)\s*(<ProviderName>[^<]*<\/ProviderName>)/, "$2$1"), /order: <Version> stands after <ProviderName>/],
      ["Script after Metadata", (x) => x.replace(/(<Script>[\s\S]*?<\/Script>)\s*(<Page>[\s\S]*?<\/Page>)\s*(<Metadata>[\s\S]*?<\/Metadata>)/, "$2$3$1"), /order: <Script> stands after <Metadata>/],
      ["a resid used but not defined", (x) => x.replace('resid="Check.Tooltip"', 'resid="Check.Tip"'), /resid: "Check.Tip" used .* not defined/],
      ["a resid defined twice", (x) => x.replace('<bt:String id="Check.Label"', '<bt:String id="Group.Label"'), /resid: "Group.Label" defined 2 times/],
      ["a non-https URL", (x) => x.replace("https://localhost:3000/help.html", "http://localhost:3000/help.html"), /not https/],
      ["a missing icon file", (x) => x.replace("assets/icon-80.png", "assets/icon-81.png"), /file missing/],
      ["an icon of the wrong size", (x) => x.replace('assets/icon-16.png"', 'assets/icon-32.png"'), /is 32x32, needs 16x16/],
    ];
    test.each(cases)("%s", (_name, mutate, expected) => {
      const mutated = mutate(source);
      expect(mutated).not.toEqual(source);
      expect(manifestProblems(mutated, { assets: devAssets }).join("\n")).toMatch(expected);
    });

    test("localhost in a production manifest", () => {
      expect(manifestProblems(source, { production: true }).join("\n")).toMatch(/points at this machine/);
    });
  });
});

describe("production build (ADDIN_URL)", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "kz-dist-"));
  const url = "https://kz.example.edu.cn/kezheng/";

  beforeAll(() => {
    execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out], {
      cwd: root, env: { ...process.env, ADDIN_URL: url }, stdio: "pipe",
    });
  }, 240000);

  test("writes taskpane.html, functions.json and a manifest with no localhost", () => {
    const manifest = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(manifestProblems(manifest, { production: true, assets: { base: url, dir: out } })).toEqual([]);
    expect(manifest).toContain(`${url}taskpane.html`);
    expect(manifest).toContain("<AppDomain>https://kz.example.edu.cn</AppDomain>");
    expect(fs.readFileSync(path.join(out, "taskpane.html"), "utf8")).toMatch(/<script[^>]+taskpane\.js/);
    const functions = JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8"));
    expect(functions.functions.map((f: { id: string }) => f.id).sort()).toEqual(["CERTNO", "COURSE", "IDCHECK", "LEVEL", "MASKID"]);
  });

  test("refuses a production build without an https ADDIN_URL", () => {
    const failure = (addinUrl: string): string => {
      try {
        execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", fs.mkdtempSync(path.join(os.tmpdir(), "kz-bad-"))], {
          cwd: root, env: { ...process.env, ADDIN_URL: addinUrl }, stdio: "pipe",
        });
      } catch (e) {
        const err = e as { status: number; stdout: Buffer; stderr: Buffer };
        expect(err.status).not.toBe(0);
        return err.stdout.toString() + err.stderr.toString();
      }
      throw new Error(`build with ADDIN_URL=${addinUrl} succeeded`);
    };
    expect(failure("")).toMatch(/生产构建需要部署地址/);
    expect(failure("http://kz.example.edu.cn/")).toMatch(/必须是 https 地址/);
    expect(failure("https://localhost:8443/")).toMatch(/不能是本机地址/);
  }, 240000);
});
