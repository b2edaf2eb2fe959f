// A package to test a module of the file layer on: the blank one, with some parts replaced by the XML a test gives.
import { XML_DECLARATION } from "../../../src/hosts/xlsx/ooxml";
import { XlsxPackage } from "../../../src/hosts/xlsx/package";

export function packageWith(parts: Record<string, string> = {}): XlsxPackage {
  const pkg = XlsxPackage.blank("test.xlsx");
  for (const [name, xml] of Object.entries(parts)) pkg.set(name, xml.startsWith("<?xml") ? xml : XML_DECLARATION + xml);
  return pkg;
}

/** A part's text without the XML declaration. */
export const body = (pkg: XlsxPackage, part: string) => pkg.text(part).replace(/^<\?xml[^>]*\?>\n?/, "");
