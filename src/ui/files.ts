// What the file pickers offer: the workbook formats the file host reads.
export const WORKBOOK_TYPES = ".xlsx,.xlsm,.xls,.ods,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12";
