// Lint: typescript-eslint's recommended rules and the Office add-in rules (kept on, as errors).
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";

const office = officeAddins.default ?? officeAddins;

export default tseslint.config(
  { ignores: ["dist/**", "lib/**", "node_modules/**", "coverage/**", "test-artifacts/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.{ts,tsx}", "test/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }] },
  },
  {
    // The Office.js code. (ExcelJS code elsewhere has getCell/getColumn too, which these rules
    // would take for Office.js proxies.)
    files: ["src/hosts/excel/**/*.ts", "src/taskpane/**/*.{ts,tsx}", "src/ui/**/*.{ts,tsx}", "src/web/**/*.{ts,tsx}", "src/commands/**/*.ts", "src/functions/**/*.ts"],
    plugins: { "office-addins": office },
    rules: {
      "office-addins/load-object-before-read": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/call-sync-after-load": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  {
    // Custom functions return what Excel takes: numbers or text, declared as `any` for the metadata generator.
    files: ["src/functions/functions.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
