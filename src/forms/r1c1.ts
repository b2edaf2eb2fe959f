// A1 <-> R1C1 for the formulas the product writes: Office.js writes a run of cells whose
// formulas differ only in their relative row as one R1C1 formula over the whole range (the
// analogue of a shared formula in a file). Strings and sheet names are left alone.
import { columnIndex, columnLetter } from "./grid";

const A1_REF = /(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g;
const R1C1_REF = /R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(?![A-Za-z0-9_(])/g;

/** Splits a formula into code and literal parts ("strings" and 'sheet names'), literals untouched. */
function mapCode(formula: string, f: (code: string) => string): string {
  return formula.split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/).map((part, i) => (i % 2 === 0 ? f(part) : part)).join("");
}


/** A1 formula written in the cell at (row, col), 0-based -> R1C1. */
export function toR1C1(formula: string, row: number, col: number): string {
  return mapCode(formula, (code) => code.replace(A1_REF, (_m, dc: string, letters: string, dr: string, digits: string) => {
    const r = Number(digits) - 1;
    const c = columnIndex(letters);
    const rs = dr ? `R${r + 1}` : r === row ? "R" : `R[${r - row}]`;
    const cs = dc ? `C${c + 1}` : c === col ? "C" : `C[${c - col}]`;
    return rs + cs;
  }));
}

/** R1C1 formula in the cell at (row, col), 0-based -> A1. */
export function toA1(formula: string, row: number, col: number): string {
  return mapCode(formula, (code) => code.replace(R1C1_REF, (_m, rp?: string, cp?: string) => {
    const r = rp === undefined ? row : rp.startsWith("[") ? row + Number(rp.slice(1, -1)) : Number(rp) - 1;
    const c = cp === undefined ? col : cp.startsWith("[") ? col + Number(cp.slice(1, -1)) : Number(cp) - 1;
    const absR = rp !== undefined && !rp.startsWith("[");
    const absC = cp !== undefined && !cp.startsWith("[");
    return `${absC ? "$" : ""}${columnLetter(c)}${absR ? "$" : ""}${r + 1}`;
  }));
}
