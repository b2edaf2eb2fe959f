// The engine as the pane's buttons use it (the checks, the run, the Office.js host): a chunk of its
// own, loaded with the first action, so the pane's first load is the interface alone.
export { checkGrids } from "../app/check";
export { EVERYTHING, runWriteBack } from "../app/run";
export { ExcelWorkbook } from "../hosts/excel/workbook";
