// The lists of a template as Excel writes them too: a list given by a defined name, and one in the
// x14 extension (Excel 2010's form for lists on another sheet).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { chooseTemplateSheet } from "../../src/forms/fill";
import { XlsxPackage } from "../../src/hosts/xlsx/package";
import { readTemplateBook, templateSheet } from "../../src/hosts/xlsx/template";
import { tmpDir } from "../support/workbooks";
import { zipEdit } from "../support/writers";

const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const dir = tmpDir();
const made = path.join(dir, "openpyxl.xlsx");

beforeAll(() => {
  execFileSync(PYTHON, [path.join(__dirname, "..", "support", "filltemplate.py"), "make", made]);
});

const X14 = `<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>'代码表'!$C$2:$C$4</xm:f></x14:formula1><xm:sqref>B4:B1000</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>`;

test("lists by a defined name and in the x14 extension are read; the header row, formats and styles come from the sheet", () => {
  const edited = zipEdit(made, path.join(dir, "excel-style.xlsx"), (_parts, text, setText) => {
    let sheet = text("xl/worksheets/sheet1.xml");
    // 级别 by a name; 证件类型 moved into extLst.
    sheet = sheet.replace(/(<dataValidation sqref="K4:K1000"[^>]*><formula1>)[^<]*(<\/formula1>)/, "$1级别列表$2");
    sheet = sheet.replace(/<dataValidation sqref="B4:B1000".*?<\/dataValidation>/, "").replace("</worksheet>", `${X14}</worksheet>`);
    setText("xl/worksheets/sheet1.xml", sheet);
    setText("xl/workbook.xml", text("xl/workbook.xml").replace("<definedNames/>", `<definedNames><definedName name="级别列表">代码表!$A$2:$A$3</definedName></definedNames>`));
  });
  const pkg = XlsxPackage.open("excel-style.xlsx", new Uint8Array(fs.readFileSync(edited)));
  const book = readTemplateBook(pkg);
  expect(book.sheets.map((s) => [s.grid.name, s.hidden])).toEqual([["考生信息", false], ["代码表", true], ["填写说明", false]]);
  const chosen = chooseTemplateSheet(book.sheets);
  expect(chosen).toEqual({ index: 0, headerRow: 2 });
  const { sheet, styles } = templateSheet(pkg, book, 0, 2);
  expect(sheet.lists.get(10)).toEqual(["中级工", "高级工"]);
  expect(sheet.lists.get(1)).toEqual(["01-居民身份证", "02-港澳台居民居住证", "03-护照"]);
  expect(sheet.lists.get(4)).toEqual(["男", "女"]);
  expect(sheet.formats.get(2)).toBe("text");
  expect(sheet.formats.get(6)).toBe("date");
  expect(sheet.formats.get(0)).toBe("general");
  // Every column's new cells get the bordered style the template gave its rows.
  expect(styles.styles.get(0)).toBeGreaterThan(0);
});
