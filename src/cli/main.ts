// kezheng: the command line. Exit 0: no errors; 1: errors found; 2: the input cannot be used.
import { Command, CommanderError } from "commander";
import { UnusableWorkbook } from "../app/port";
import { countErrors } from "../app/report";
import { checkFile, clearFile, outputPath, runFile } from "./files";
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

  program
    .command("run")
    .description("检查并写回：标出问题单元格，在花名册右侧加上实时公式计算的等级，生成备案表、公示名单等表格")
    .argument("<file>", "部门报送的 .xlsx 工作簿（不会被修改，除非加 --in-place）")
    .option("-o, --output <file>", "输出文件（默认：原文件名-课证.xlsx）")
    .option("--in-place", "直接写回原文件")
    .action(async (file: string, opts: { output?: string; inPlace?: boolean }) => {
      const out = outputPath(file, opts, "课证");
      const result = await runFile(file, out);
      io.out(formatSummary(file, result.report, { maxIssues: 30 }));
      io.out(`已写入 ${out}：问题单元格已标色并附批注，花名册右侧为实时公式，另有备案表、申报人员花名册、认定计划、上报数据、获证人员汇总表、公示名单、认定统计、归档清单。用 kezheng clear 可全部移除。\n`);
      code = countErrors(result.report) > 0 ? EXIT_ERRORS : EXIT_OK;
    });

  program
    .command("clear")
    .description("移除课证写入的一切（标记、公式列、生成的表格），恢复原样")
    .argument("<file>", "课证处理过的 .xlsx 工作簿")
    .option("-o, --output <file>", "输出文件（默认：原文件名-已清除.xlsx）")
    .option("--in-place", "直接写回原文件")
    .action(async (file: string, opts: { output?: string; inPlace?: boolean }) => {
      const out = outputPath(file, opts, "已清除");
      const cleared = await clearFile(file, out);
      io.out(cleared ? `已移除课证写入的全部内容，恢复原样：${out}\n` : `${file} 中没有课证写入的内容，已原样保存：${out}\n`);
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
