// The tests' use of LibreOffice: see scripts/libreoffice.js (shared with the benchmarks).
export { recalculate } from "../../scripts/libreoffice.js";
