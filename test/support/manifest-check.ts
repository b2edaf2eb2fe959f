// Our structural validator for manifest.xml (there is no offline XSD): element order as the
// schemas require for the elements we use, resids, https, localhost, icon files and sizes.
import { DOMParser, type Element as XmlElement } from "@xmldom/xmldom";
import * as fs from "fs";
import * as path from "path";

/** Parent local name (+ xsi:type where it matters) -> allowed children in schema order. */
const ORDER: Record<string, string[]> = {
  OfficeApp: [
    "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
    "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions",
    "AllowSnapshot", "VersionOverrides",
  ],
  VersionOverrides: ["Description", "Requirements", "Hosts", "Resources", "VersionOverrides"],
  "Host:Workbook": ["Runtimes", "AllFormFactors", "DesktopFormFactor", "MobileFormFactor"],
  "ExtensionPoint:CustomFunctions": ["Script", "Page", "Metadata", "Namespace"],
  DesktopFormFactor: ["GetStarted", "FunctionFile", "ExtensionPoint"],
  GetStarted: ["Title", "Description", "LearnMoreUrl"],
  Group: ["Label", "Icon", "Control"],
  "Control:Button": ["Label", "Supertip", "Icon", "Action"],
  Supertip: ["Title", "Description"],
  Resources: ["Images", "Urls", "ShortStrings", "LongStrings"],
  "Action:ShowTaskpane": ["TaskpaneId", "SourceLocation", "Title", "SupportsPinning"],
  Requirements: ["Sets", "Methods"],
};

/** Pixel size each icon reference needs. */
const TOP_ICON_SIZES: Record<string, number> = { IconUrl: 32, HighResolutionIconUrl: 64 };

const nameOf = (el: XmlElement): string => el.localName ?? "";

function children(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as XmlElement);
  return out;
}

function all(el: XmlElement): XmlElement[] {
  return [el, ...children(el).flatMap(all)];
}

function ruleKey(el: XmlElement): string | null {
  const type = el.getAttribute("xsi:type") ?? "";
  if (type && ORDER[`${nameOf(el)}:${type}`]) return `${nameOf(el)}:${type}`;
  if (nameOf(el) === "Host" && el.parentNode && (el.parentNode as XmlElement).localName === "Hosts" && type) return `${nameOf(el)}:${type}`;
  return ORDER[nameOf(el)] ? nameOf(el) : null;
}

export function pngSize(file: string): { width: number; height: number } | null {
  const buf = fs.readFileSync(file);
  if (buf.length < 24 || buf.toString("ascii", 1, 4) !== "PNG") return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

export interface CheckOptions {
  /** The production manifest: no localhost at all. */
  production?: boolean;
  /** Where icon URLs resolve to files: URL base and folder. */
  assets?: { base: string; dir: string };
}

export function manifestProblems(xml: string, options: CheckOptions = {}): string[] {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => { if (level !== "warning") problems.push(`XML: ${msg}`); } }).parseFromString(xml, "text/xml");
  const root = doc.documentElement;
  if (!root) return [...problems, "no root element"];
  const elements = all(root as unknown as XmlElement);

  for (const el of elements) {
    const key = ruleKey(el);
    if (!key || !ORDER[key]) continue;
    const allowed = ORDER[key];
    let last = -1;
    for (const child of children(el)) {
      const i = allowed.indexOf(nameOf(child));
      if (i < 0) problems.push(`order: <${nameOf(child)}> is not expected inside <${key}>`);
      else if (i < last) problems.push(`order: <${nameOf(child)}> stands after <${allowed[last]}> inside <${key}>`);
      else last = i;
    }
  }

  const defined = new Map<string, number>();
  const resources = elements.find((e) => nameOf(e) === "Resources");
  for (const el of resources ? all(resources) : []) {
    const id = el.getAttribute("id");
    if (id && ["Image", "Url", "String"].includes(nameOf(el))) defined.set(id, (defined.get(id) ?? 0) + 1);
  }
  for (const [id, n] of defined) if (n > 1) problems.push(`resid: "${id}" defined ${n} times`);
  const used = new Set<string>();
  for (const el of elements) {
    const resid = el.getAttribute("resid");
    if (!resid) continue;
    used.add(resid);
    if (!defined.has(resid)) problems.push(`resid: "${resid}" used on <${nameOf(el)}> but not defined`);
  }
  for (const id of defined.keys()) if (!used.has(id)) problems.push(`resid: "${id}" defined but never used`);

  const urls: { url: string; where: string; size?: number }[] = [];
  for (const el of elements) {
    for (const attr of ["DefaultValue", "Value"]) {
      const v = el.getAttribute(attr);
      if (v && /^[a-z]+:\/\//i.test(v)) {
        const size = nameOf(el) === "Image" ? Number(elements.find((i) => nameOf(i) === "Image" && i.getAttribute("resid") === el.getAttribute("id"))?.getAttribute("size") ?? NaN) : TOP_ICON_SIZES[nameOf(el)];
        urls.push({ url: v, where: `<${nameOf(el)}${el.getAttribute("id") ? ` id="${el.getAttribute("id")}"` : ""}>`, size });
      }
    }
    if (nameOf(el) === "AppDomain" || nameOf(el) === "SourceLocation") {
      const text = el.textContent?.trim();
      if (text) urls.push({ url: text, where: `<${nameOf(el)}>` });
    }
  }
  for (const u of urls) {
    if (!u.url.startsWith("https://")) problems.push(`url: ${u.where} is not https: ${u.url}`);
    if (options.production && /localhost|127\.0\.0\.1/i.test(u.url)) problems.push(`url: ${u.where} points at this machine: ${u.url}`);
  }
  if (options.production && /localhost/i.test(xml)) problems.push("production manifest mentions localhost");

  if (options.assets) {
    const { base, dir } = options.assets;
    for (const u of urls.filter((x) => x.size !== undefined && !Number.isNaN(x.size))) {
      if (!u.url.startsWith(base)) {
        problems.push(`icon: ${u.where} is not under ${base}: ${u.url}`);
        continue;
      }
      const file = path.join(dir, u.url.slice(base.length));
      if (!fs.existsSync(file)) {
        problems.push(`icon: ${u.where} file missing: ${file}`);
        continue;
      }
      const s = pngSize(file);
      if (!s) problems.push(`icon: ${u.where} is not a PNG: ${file}`);
      else if (s.width !== u.size || s.height !== u.size) problems.push(`icon: ${u.where} is ${s.width}x${s.height}, needs ${u.size}x${u.size}`);
    }
  }
  return problems;
}
