// What the file pickers offer: the workbook formats the file host reads.
export const WORKBOOK_TYPES = ".xlsx,.xlsm,.xls,.ods,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12";

/** A picked photo's path as the report shows it: below the folder picked (webkitRelativePath names the folder first). */
export function photoPath(f: { name: string; webkitRelativePath?: string }): string {
  const rel = f.webkitRelativePath ?? "";
  return rel.includes("/") ? rel.slice(rel.indexOf("/") + 1) : f.name;
}
