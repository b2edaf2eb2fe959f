// kezheng: the command line. Exit 0: no errors; 1: errors found; 2: the input cannot be used.
import { Command, CommanderError } from "commander";
import { UnusableWorkbook } from "../app/port";
import { countErrors } from "../app/report";
import { reportJson } from "../forms/issue";
import * as path from "path";
import { DEMO_OUTPUT, writeDemo, writeTemplate } from "./demo";
import { checkFile, clearFile, importFiles, outputPath, runFile, xlsxName } from "./files";
import { fillFile, fillJson, formatFill } from "./fill";
import { mergeFiles } from "./merge";
import { formatPhotos, photosCommand } from "./photos";
import { formatSummary } from "./summary";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require("../../package.json").version;

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_UNUSABLE = 2;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** commander's own errors (wrong arguments), said in Chinese with what to do. */
const COMMANDER_ERRORS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/missing required argument '([^']+)'/, (m) => `缺少参数 ${m[1]}：请在命令后写上文件名`],
  [/required option '([^']+)' not specified/, (m) => `缺少必需的选项 ${m[1]}`],
  [/option '([^']+)' argument missing/, (m) => `选项 ${m[1]} 后面缺少值`],
  [/unknown option '([^']+)'/, (m) => `不认识的选项 ${m[1]}`],
  [/unknown command '([^']+)'/, (m) => `没有 ${m[1]} 这个命令`],
  [/too many arguments/, () => "参数太多"],
];
function inChinese(text: string): string {
  for (const [re, say] of COMMANDER_ERRORS) {
    const m = re.exec(text);
    if (m) return `kezheng：${say(m)}（用 kezheng --help 查看用法）。\n`;
  }
  return text;
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  let code = EXIT_OK;
  const program = new Command("kezheng")
    .description("课证：职业技能等级认定（过程化考核认定）花名册与成绩检查")
    .exitOverride()
    .helpOption("-h, --help", "显示帮助")
    .helpCommand("help [command]", "显示某个命令的帮助")
    .version(VERSION, "-V, --version", "显示版本号")
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(inChinese(text)) });

  program
    .command("check")
    .description("检查一个工作簿：身份信息、职业工种、级别、课程成绩和可认定等级")
    .argument("<file>", "部门报送的工作簿（.xlsx、.xlsm、.xls、.ods 或 .csv）")
    .option("--json", "只在标准输出打印机器可读的 JSON 报告")
    .option("--all", "列出每个有问题的单元格（默认每类问题一行：处数和前几个单元格）")
    .action(async (file: string, opts: { json?: boolean; all?: boolean }) => {
      const report = await checkFile(file);
      if (opts.json) io.out(reportJson(report) + "\n");
      else io.out(formatSummary(file, report, { all: opts.all }));
      code = countErrors(report) > 0 ? EXIT_ERRORS : EXIT_OK;
    });

  /** run and clear write a workbook: -o, or --in-place, or NAME-suffix.xlsx beside the input. */
  const writesWorkbook = (name: string, description: string, input: string, suffix: string) =>
    program
      .command(name)
      .description(description)
      .argument("<file>", input)
      .option("-o, --output <file>", `输出文件（默认：原文件名-${suffix}.xlsx）`)
      .option("--in-place", "直接写回原文件");

  writesWorkbook("run", "检查并写回：标出问题单元格，在花名册右侧加上实时公式计算的等级，生成备案表、公示名单等表格", "部门报送的 .xlsx 工作簿（不会被修改，除非加 --in-place）", "课证")
    .option("--photos <dir>", "照片文件夹：检查照片（同 kezheng photos），把每名申报人的照片放进备案表的照片框；不加时保留上次放入的照片")
    .option("--json", "只在标准输出打印机器可读的 JSON 报告（加 --photos 时另有 photos）")
    .action(async (file: string, opts: { output?: string; inPlace?: boolean; photos?: string; json?: boolean }) => {
      const out = outputPath(file, opts, "课证");
      const result = await runFile(file, out, { photos: opts.photos });
      code = countErrors(result.report) > 0 ? EXIT_ERRORS : EXIT_OK;
      if (opts.json) {
        io.out(reportJson(result.photos ? { ...result.report, photos: result.photos } : result.report) + "\n");
        return;
      }
      io.out(formatSummary(file, result.report, {}));
      if (result.photos) io.out(`照片：${opts.photos} 中 ${result.photos.length} 个图片文件，${result.photos.filter((p) => p.output !== undefined).length} 张已放进备案表的照片框（照片的问题已列在上面）。\n`);
      io.out(`已写入 ${out}：问题单元格已标色并附批注，花名册右侧为实时公式，另有备案表、申报人员花名册、认定计划、上报数据、成绩确认表、获证人员汇总表、公示名单、认定统计、督导汇总、归档清单。用 kezheng clear 可全部移除。\n`);
    });

  writesWorkbook("clear", "移除课证写入的一切（标记、公式列、生成的表格），恢复原样", "课证处理过的 .xlsx 工作簿", "已清除")
    .action(async (file: string, opts: { output?: string; inPlace?: boolean }) => {
      const out = outputPath(file, opts, "已清除");
      const { cleared, kept } = await clearFile(file, out);
      if (kept.cells.length > 0 || kept.entries > 0) {
        io.out(`已移除课证写入的内容：${out}\n以下内容已不是课证写入的样子（可能被您修改过），课证保留它们，没有清除：\n`);
        for (const c of kept.cells.slice(0, 20)) io.out(`  ${c.sheet}!${c.cell}\n`);
        if (kept.cells.length > 20) io.out(`  ……另有 ${kept.cells.length - 20} 个单元格。\n`);
        if (kept.entries > 0) io.out(`  课证的记录（隐藏工作表）中有 ${kept.entries} 处与工作簿现状对不上，已跳过，所指的单元格和工作表保持原样。\n`);
      } else io.out(cleared ? `已移除课证写入的全部内容，恢复原样：${out}\n` : `${file} 中没有课证写入的内容，已原样保存：${out}\n`);
    });

  program
    .command("import")
    .description("导入教务系统导出的成绩（分项成绩逐行、或理论/实操两列；.xlsx、.xls、.ods、.csv），写成官方的课程考核成绩登记册")
    .argument("<exports...>", "教务系统导出的成绩文件，可以多个")
    .requiredOption("--into <workbook>", "要写入的花名册工作簿（.xlsx）")
    .option("-o, --output <file>", "输出文件（默认：花名册文件名-导入.xlsx）")
    .option("--in-place", "直接写回 --into 指定的工作簿")
    .action(async (sources: string[], opts: { into: string; output?: string; inPlace?: boolean }) => {
      const out = outputPath(opts.into, opts, "导入");
      const r = await importFiles(sources, opts.into, out);
      for (const f of r.files) io.out(`读取 ${f.file}：${f.registers.length > 1 ? `${f.registers.length} 张成绩表，` : ""}${f.rows} 行成绩\n`);
      io.out(`共 ${r.students} 名学生、${r.courses} 门课程、${r.records} 条课程成绩。\n`);
      if (r.notOnRoster === null) io.out("工作簿中没有找到申报人员花名册，未核对学生是否在花名册中。\n");
      else if (r.notOnRoster.length) io.out(`不在花名册中的学生 ${r.notOnRoster.length} 名：${r.notOnRoster.slice(0, 20).join("、")}${r.notOnRoster.length > 20 ? " 等" : ""}（照样导入，检查时会提示）。\n`);
      const shown = r.issues.filter((i) => i.severity !== "info");
      if (shown.length) {
        io.out(`需要核对的成绩 ${shown.length} 处：\n`);
        for (const i of shown.slice(0, 200)) io.out(`  ${i.severity === "error" ? "错误" : "警告"} ${i.sheet}!${i.cell}　${i.message}\n`);
        if (shown.length > 200) io.out(`  ……另有 ${shown.length - 200} 处未列出。\n`);
      }
      io.out(`已写入 ${out} 的工作表“${r.sheetName}”（再次导入会替换这张表）。下一步：kezheng check 或 kezheng run。\n`);
      code = countErrors({ applicants: [], issues: r.issues }) > 0 ? EXIT_ERRORS : EXIT_OK;
    });

  program
    .command("fill")
    .description("填写上报模板：把可认定的申报人填入考试认证系统或认定中心下发的导入模板（.xlsx、.xlsm、.xls），按模板的表头、下拉列表和格式填写")
    .argument("<template>", "下发的空白模板（不会被修改）")
    .requiredOption("--from <workbook>", "填写好的花名册工作簿（.xlsx、.xls、.ods 或 .csv）")
    .option("-o, --output <file>", "输出文件（默认：模板文件名-已填写，格式与模板相同）")
    .option("--all", "填入花名册上的全部申报人（默认只填可认定和降级认定的）")
    .option("--append", "模板中已有数据时，接在已有数据后面填写")
    .option("--json", "只在标准输出打印机器可读的 JSON")
    .action(async (template: string, opts: { from: string; output?: string; all?: boolean; append?: boolean; json?: boolean }) => {
      const r = await fillFile(template, opts);
      io.out(opts.json ? JSON.stringify(fillJson(r)) + "\n" : formatFill(template, r));
      code = r.rosterErrors > 0 || r.plan.issues.some((i) => i.severity === "error") ? EXIT_ERRORS : EXIT_OK;
    });

  program
    .command("merge")
    .description("认定中心汇总：检查各二级学院的工作簿，生成全校的申报人员花名册、获证人员汇总表（含证书编号）、公示名单、认定统计、认定计划和归档清单")
    .argument("<files...>", "各学院的工作簿（.xlsx、.xls、.ods、.csv），或它们所在的文件夹")
    .requiredOption("-o, --output <file>", "汇总结果，如 汇总.xlsx")
    .option("--settings <file>", "认定中心自己的设置（其“设置”工作表优先于各学院的）")
    .option("--cert-prefix <prefix>", "证书编号前 13 位，如 S000041000001")
    .option("--previous <file>", "上一次的汇总结果：已发的证书编号保持不变，流水号接着编")
    .option("--json", "只在标准输出打印全校的 JSON 报告（每条带 file 字段）")
    .action(async (files: string[], opts: { output: string; settings?: string; certPrefix?: string; previous?: string; json?: boolean }) => {
      const out = xlsxName(opts.output);
      const result = await mergeFiles(files, { ...opts, output: out });
      if (opts.json) io.out(reportJson(result.report) + "\n");
      else {
        const merged = result.files.filter((f) => f.merged);
        io.out(`汇总 ${merged.length} 个文件，共 ${result.applicants.length} 名申报人\n`);
        for (const f of result.files) io.out(`  ${f.merged ? "已汇总" : f.skipped ? "已跳过" : "未汇总"}  ${f.file}${f.department ? `（${f.department}）` : ""}：${f.merged ? `${f.applicants} 人，错误 ${f.errors}` : f.reason}\n`);
        io.out(formatSummary("全校", result.report, {}));
        const certs = result.applicants.filter((a) => a.certificateNo).length;
        io.out(`证书编号：${certs} 人已有编号（本次新发 ${result.newCertificates} 个）${result.applicants.some((a) => (a.status === "eligible" || a.status === "downgrade") && !a.certificateNo) ? "；尚有可认定人员没有编号：用 --cert-prefix 指定前 13 位" : ""}。\n已写入 ${out}\n`);
      }
      code = countErrors(result.report) > 0 ? EXIT_ERRORS : EXIT_OK;
    });

  program
    .command("photos")
    .description("照片：把文件夹中的照片对应到花名册上的申报人（按身份证号、学号或姓名），检查格式、大小、尺寸和背景；加 -o 按“照片命名”输出可上报的 JPEG")
    .argument("<dir>", "放照片的文件夹（含子文件夹；照片不会被修改）")
    .requiredOption("--roster <workbook>", "填写好的花名册工作簿（.xlsx、.xls、.ods 或 .csv）")
    .option("-o, --output <dir>", "输出文件夹：每名需要照片的申报人一张 JPEG，按设置“照片命名”命名")
    .option("--json", "只在标准输出打印机器可读的 JSON：{ photos, issues }")
    .action(async (dir: string, opts: { roster: string; output?: string; json?: boolean }) => {
      const r = await photosCommand(dir, opts.roster, opts.output);
      io.out(opts.json ? reportJson({ photos: r.photos, issues: r.issues }) + "\n" : formatPhotos(dir, r));
      code = countErrors({ applicants: [], issues: r.issues }) > 0 ? EXIT_ERRORS : EXIT_OK;
    });

  program
    .command("template")
    .description("生成空白的官方表格：花名册、成绩登记册、课程对照表、设置（含下拉列表，身份证号列为文本格式）")
    .requiredOption("-o, --output <file>", "输出文件，如 花名册模板.xlsx")
    .action(async (opts: { output: string }) => {
      const out = xlsxName(opts.output);
      await writeTemplate(out);
      io.out(`已生成空白表格：${out}\n填写花名册、成绩登记册和课程对照表后，运行 kezheng check ${path.basename(out)} 检查。\n`);
    });

  program
    .command("demo")
    .description("用一个虚构的二级学院（60 名申报人，含各类常见问题）演示全部功能")
    .option("-o, --output <file>", "输出文件（不会覆盖已有的文件，默认的 kezheng-demo.xlsx 除外）", DEMO_OUTPUT)
    .action(async (opts: { output: string }) => {
      const out = xlsxName(opts.output);
      const result = await writeDemo(out);
      io.out(formatSummary("演示工作簿（虚构数据）", result.report, {}));
      io.out(`\n演示结果已写入 ${path.resolve(out)}\n用 Excel、WPS 或 LibreOffice 打开：红色为错误、黄色为警告（批注中有说明），蓝色为课程未修满的申报人，橙色为未合格的成绩；花名册右侧四列为实时公式，改动成绩即重新计算；另有备案表、成绩确认表、公示名单、督导汇总等 10 张生成的表格。\n`);
      code = EXIT_OK;
    });

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT_OK : EXIT_UNUSABLE;
    }
    if (e instanceof UnusableWorkbook) {
      io.err(`kezheng：${e.message}\n`);
      if (e.detail && process.env.KEZHENG_DEBUG) io.err(`（技术信息：${e.detail}）\n`);
      return EXIT_UNUSABLE;
    }
    io.err(`kezheng：内部错误（${e instanceof Error ? e.message : String(e)}）。输入未被修改；请把这条信息和所用文件交给技术支持。\n`);
    return EXIT_UNUSABLE;
  }
  return code;
}
