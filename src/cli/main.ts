// kezheng: the command line. Exit 0: no errors; 1: errors found; 2: the input cannot be used.
import { Command, CommanderError } from "commander";
import { UnusableWorkbook } from "../app/port";
import { countErrors } from "../app/report";
import { checkFile } from "./files";
import { formatSummary } from "./summary";

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_UNUSABLE = 2;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  let code = EXIT_OK;
  const program = new Command("kezheng")
    .description("课证：职业技能等级认定（过程化考核认定）花名册与成绩检查")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError("（用 kezheng --help 查看用法）");

  program
    .command("check")
    .description("检查一个 .xlsx 工作簿：身份信息、职业工种、级别、课程成绩和可认定等级")
    .argument("<file>", "部门报送的 .xlsx 工作簿")
    .option("--json", "只在标准输出打印机器可读的 JSON 报告")
    .option("--all", "列出全部问题（默认最多 200 条）")
    .action(async (file: string, opts: { json?: boolean; all?: boolean }) => {
      const report = await checkFile(file);
      if (opts.json) io.out(JSON.stringify(report) + "\n");
      else io.out(formatSummary(file, report, { maxIssues: opts.all ? Infinity : 200 }));
      code = countErrors(report) > 0 ? EXIT_ERRORS : EXIT_OK;
    });

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT_OK : EXIT_UNUSABLE;
    }
    if (e instanceof UnusableWorkbook) {
      io.err(`kezheng：${e.message}\n`);
      return EXIT_UNUSABLE;
    }
    io.err(`kezheng：内部错误（${e instanceof Error ? e.message : String(e)}）。输入未被修改；请把这条信息和所用文件交给技术支持。\n`);
    return EXIT_UNUSABLE;
  }
  return code;
}
