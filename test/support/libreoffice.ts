// The tests' use of LibreOffice: see scripts/libreoffice.js (shared with the benchmarks).
export { convert, recalculate } from "../../scripts/libreoffice.js";
