// One table for every issue code: severity, whether it blocks a decision (§6.1), and its
// zh-CN and en-US messages. Messages say what is wrong and what to do.

export type Severity = "error" | "warning" | "info";

export interface MessageParams {
  value?: string;
  column?: string;
  expected?: string;
  choices?: string;
  other?: string;
  form?: string;
  count?: number;
  days?: number;
  /** Photo issues (#19): which way 照片大小 or 照片尺寸 is missed. */
  side?: "over" | "under" | "ratio";
  /** A file's name, a part inside it (xl/worksheets/sheet1.xml), a sheet's name: unusable workbooks. */
  file?: string;
  part?: string;
  sheet?: string;
}

interface Entry {
  severity: Severity;
  /** An identity-field error: the applicant's status becomes `invalid` (§6.1). */
  blocks?: boolean;
  zh: (p: MessageParams) => string;
  en: (p: MessageParams) => string;
}

const v = (p: MessageParams) => (p.value === undefined ? "" : `“${p.value}”`);
/** What to do with a damaged or foreign file, said once: the applications repair it when they save it again. */
const RESAVE = { zh: "用 Excel 或 WPS 打开后另存为 .xlsx 再试", en: "open it in Excel or WPS and save it as .xlsx again" };
const SAVE_AS = { zh: "在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（.xlsx）再试", en: "open it in Excel or WPS and save it as an Excel workbook (.xlsx)" };

export const MESSAGES = {
  // forms.md: form recognition
  HEADER_MISSING_COLUMN: { severity: "error", zh: (p) => `${p.form}缺少“${p.column}”列：请在表头行加上该列（可写作：${p.choices}）。`, en: (p) => `${p.form}: column "${p.column}" is missing; add it to the header row (${p.choices}).` },
  SHEET_TIE: { severity: "error", zh: (p) => `工作表“${p.value}”和“${p.other}”都像${p.form}，无法确定用哪一张：请删除不用的那张（如备份），或把它改名为不含“${p.expected}”的名称，只让要用的那张名称含“${p.expected}”。`, en: (p) => `Sheets "${p.value}" and "${p.other}" both look like the ${p.form}; remove one or rename the one to use so that it contains "${p.expected}".` },
  MAP_MISSING: { severity: "error", zh: () => `没有找到课程对照表（列：职业编码、职业名称、工种、课程名称、学分）：无法统计相关课程，请添加“课程对照表”工作表。`, en: () => `No course map found (职业编码, 职业名称, 工种, 课程名称, 学分): add a 课程对照表 sheet.` },
  GRADES_MISSING: { severity: "error", zh: () => `没有找到课程考核成绩登记册（列：学号、课程名称、理论成绩、实操成绩）：请添加“成绩登记册”工作表。`, en: () => `No grade register found (学号, 课程名称, 理论成绩, 实操成绩): add a 成绩登记册 sheet.` },
  // §7 identity
  NAME_MISSING: { severity: "error", blocks: true, zh: () => `姓名为空：请填写申报人姓名。`, en: () => `Name is blank: fill in the applicant's name.` },
  SEX_MISSING: { severity: "error", zh: () => `性别为空：请填写“男”或“女”。`, en: () => `Sex is blank: enter 男 or 女.` },
  SEX_INVALID: { severity: "error", zh: (p) => `性别${v(p)}无法识别：请填写“男”或“女”。`, en: (p) => `Sex ${v(p)} not recognised: enter 男 or 女.` },
  ID_MISSING: { severity: "error", blocks: true, zh: () => `身份证号为空：请填写 18 位公民身份号码。`, en: () => `ID number is blank: enter the 18-character ID number.` },
  ID_STORED_AS_NUMBER: { severity: "error", blocks: true, zh: (p) => `身份证号以数字形式保存（${p.value}），Excel 只保留 15 位有效数字，后几位可能已丢失且无法恢复：请先把该列设为“文本”格式，再按身份证原件重新输入。`, en: (p) => `ID number stored as a number (${p.value}); Excel keeps 15 significant digits, so digits may be lost: format the column as text and re-enter it.` },
  ID_15_DIGIT: { severity: "error", blocks: true, zh: (p) => `身份证号${v(p)}为 15 位旧号码：请改填 18 位公民身份号码。`, en: (p) => `ID number ${v(p)} has 15 digits: enter the 18-character number.` },
  ID_FORMAT: { severity: "error", blocks: true, zh: (p) => `身份证号${v(p)}格式错误：应为 17 位数字加 1 位校验码（数字或 X），请核对后重新输入。`, en: (p) => `ID number ${v(p)} malformed: 17 digits and a check character (digit or X).` },
  ID_CHECKSUM: { severity: "error", blocks: true, zh: (p) => `身份证号${v(p)}校验位错误（按前 17 位应为 ${p.expected}）：请对照身份证原件核对每一位。`, en: (p) => `ID number ${v(p)} check character wrong (should be ${p.expected}): check every digit against the card.` },
  ID_BIRTH_DATE: { severity: "error", blocks: true, zh: (p) => `身份证号${v(p)}第 7-14 位不是有效的出生日期：请核对。`, en: (p) => `ID number ${v(p)}: digits 7-14 are not a real date of birth.` },
  ID_BIRTH_YEAR_RANGE: { severity: "error", blocks: true, zh: (p) => `身份证号${v(p)}的出生年份 ${p.expected} 不合理（应在认定年度前 14 至 60 年之间）：请核对。`, en: (p) => `ID number ${v(p)}: birth year ${p.expected} out of range (14 to 60 years before the assessment year).` },
  ID_PROVINCE: { severity: "error", blocks: true, zh: (p) => `身份证号${v(p)}前两位既不是省级行政区代码（如 41 河南），也不是港澳台居民居住证的 81、82、83：请与本人证件核对。`, en: (p) => `ID number ${v(p)}: the first two digits are neither a province code (such as 41, Henan) nor a residence permit prefix (81, 82, 83): check against the ID card.` },
  ID_SEX_MISMATCH: { severity: "error", blocks: true, zh: (p) => `性别“${p.value}”与身份证号第 17 位（${p.expected}）不符：请核对性别或身份证号。`, en: (p) => `Sex "${p.value}" disagrees with ID digit 17 (${p.expected}).` },
  ID_LOWERCASE_X: { severity: "info", zh: () => `身份证号末位小写 x 已按大写 X 处理。`, en: () => `Lower-case x in the ID number read as X.` },
  ID_DUPLICATE: { severity: "error", blocks: true, zh: (p) => `身份证号与第 ${p.other} 行重复且申报同一职业（工种）：请删除重复的一行。`, en: (p) => `Same ID number and occupation as row ${p.other}: delete the duplicate row.` },
  ID_MULTIPLE_OCCUPATIONS: { severity: "warning", zh: (p) => `同一身份证号在第 ${p.other} 行申报了另一职业（工种）：请确认该生确实申报两个职业。`, en: (p) => `Same ID number applies for another occupation on row ${p.other}: confirm both are intended.` },
  STUDENT_ID_MISSING: { severity: "error", blocks: true, zh: () => `学号为空：请填写学号（成绩按学号对应）。`, en: () => `Student number is blank: fill it in (grades are matched by it).` },
  STUDENT_ID_DUPLICATE: { severity: "error", blocks: true, zh: (p) => `学号${v(p)}与第 ${p.other} 行的另一名学生重复：学号必须唯一，请核对。`, en: (p) => `Student number ${v(p)} also belongs to another student on row ${p.other}: it must be unique.` },
  PHONE_INVALID: { severity: "warning", zh: (p) => `联系电话${v(p)}不是 11 位手机号：请核对。`, en: (p) => `Phone ${v(p)} is not an 11-digit mobile number.` },
  // §1 cohorts
  COHORT_MISSING: { severity: "error", blocks: true, zh: () => `年级为空：请填写入学年级，如 2021 或 2021级。`, en: () => `Cohort is blank: enter e.g. 2021 or 2021级.` },
  COHORT_INVALID: { severity: "error", blocks: true, zh: (p) => `年级${v(p)}无法识别：请填写入学年级，如 2021 或 2021级。`, en: (p) => `Cohort ${v(p)} not recognised: enter e.g. 2021 or 2021级.` },
  COHORT_OUT_OF_SCOPE: { severity: "error", zh: (p) => `年级${v(p)}不在本次认定范围：只认定 ${p.expected}。`, en: (p) => `Cohort ${v(p)} is out of scope: only ${p.expected}.` },
  // required fields without identity weight
  FIELD_MISSING: { severity: "error", zh: (p) => `“${p.column}”为空：请填写。`, en: (p) => `"${p.column}" is blank: fill it in.` },
  // §3 occupations
  OCCUPATION_CODE_MISSING: { severity: "error", blocks: true, zh: () => `职业编码为空：请按通知所列职业填写，如 4-04-05-01。`, en: () => `Occupation code is blank: enter one from the notice, e.g. 4-04-05-01.` },
  OCCUPATION_CODE_UNKNOWN: { severity: "error", blocks: true, zh: (p) => `职业编码${v(p)}不在本次可认定职业目录中：请对照通知第四部分核对编码。`, en: (p) => `Occupation code ${v(p)} is not in the catalogue of the notice.` },
  OCCUPATION_NAME_UNKNOWN: { severity: "error", blocks: true, zh: (p) => `职业名称${v(p)}不在本次可认定职业目录中：请对照通知第四部分填写职业名称和职业编码。`, en: (p) => `Occupation ${v(p)} is not in the catalogue.` },
  OCCUPATION_NAME_MISSING: { severity: "error", blocks: true, zh: (p) => `职业名称为空：该编码对应“${p.expected}”，请填写。`, en: (p) => `Occupation name is blank: the code is "${p.expected}".` },
  OCCUPATION_NAME_MISMATCH: { severity: "error", blocks: true, zh: (p) => `职业名称${v(p)}与职业编码不符（该编码为“${p.expected}”）：请核对编码或名称。`, en: (p) => `Occupation name ${v(p)} contradicts the code (which is "${p.expected}").` },
  WORK_TYPE_REQUIRED: { severity: "error", blocks: true, zh: (p) => `该职业有多个工种，工种不能为空：请填写 ${p.choices} 之一。`, en: (p) => `This occupation has several work types: enter one of ${p.choices}.` },
  WORK_TYPE_UNKNOWN: { severity: "error", blocks: true, zh: (p) => `工种${v(p)}不属于该职业：请填写 ${p.choices || "空白（该职业不分工种）"}。`, en: (p) => `Work type ${v(p)} does not belong to this occupation: use ${p.choices || "blank"}.` },
  WORK_TYPE_ASSUMED: { severity: "warning", zh: (p) => `工种为空，已按目录视为“${p.expected}”：建议补填。`, en: (p) => `Work type blank; taken as "${p.expected}" from the catalogue.` },
  OCCUPATION_NOT_FOR_COHORT: { severity: "error", zh: (p) => `该职业只设 ${p.expected}，二年级学生只能认定四级：本年度不能申报，请更换职业或待毕业年度申报。`, en: (p) => `This occupation offers only ${p.expected}; second-year students can only be certified at level 4.` },
  OCCUPATION_WITHOUT_COURSES: { severity: "error", zh: (p) => `课程对照表中没有“${p.value}”的相关课程（涉及 ${p.count} 人）：请在课程对照表中补充该职业（工种）的课程。`, en: (p) => `The course map lists no courses for "${p.value}" (${p.count} applicants).` },
  // §4 levels
  LEVEL_MISSING: { severity: "warning", zh: () => `申报级别为空：将按可认定的最高级别判断，建议填写“三级”或“四级”。`, en: () => `Requested level blank: judged on eligibility alone.` },
  LEVEL_COLUMN_MISSING: { severity: "warning", zh: () => `花名册没有“申报级别”列：每人将按可认定的最高级别判断，建议加上该列。`, en: () => `The roster has no requested-level column: everyone is judged on eligibility alone.` },
  LEVEL_INVALID: { severity: "error", blocks: true, zh: (p) => `申报级别${v(p)}无法识别：请填写“三级/高级工”或“四级/中级工”。`, en: (p) => `Requested level ${v(p)} not recognised: enter 三级 or 四级.` },
  LEVEL_NOT_OFFERED: { severity: "error", zh: (p) => `该职业只设 ${p.expected}，不能申报${v(p)}：请改为可申报的级别。`, en: (p) => `This occupation offers only ${p.expected}, not ${v(p)}.` },
  LEVEL_NOT_FOR_COHORT: { severity: "error", zh: () => `二年级学生只能认定四级（中级工），不能申报三级：请改为“四级”。`, en: () => `Second-year students may only be certified at level 4.` },
  // §2 routes
  ROUTE_INVALID: { severity: "error", zh: (p) => `认定方式${v(p)}无法识别：请填写“过程化考核”或“竞赛取证”，或留空。`, en: (p) => `Route ${v(p)} not recognised: 过程化考核 or 竞赛取证, or blank.` },
  ROUTE_COMPETITION: { severity: "info", zh: () => `竞赛取证：通知未规定课程条件，由认定中心人工审核。`, en: () => `Competition route: decided by the centre by hand.` },
  // §5 grades
  SCORE_INVALID: { severity: "error", zh: (p) => `成绩${v(p)}无法识别：请填写 0-100 的分数或“优秀/良好/中等/及格/不及格/缺考/缓考”，已按缺失处理。`, en: (p) => `Score ${v(p)} not recognised: enter 0-100 or a grade word; treated as missing.` },
  SCORE_ABSENT: { severity: "warning", zh: (p) => `成绩${v(p)}按 0 分计。`, en: (p) => `Score ${v(p)} counted as 0.` },
  SCORE_CHEATING: { severity: "warning", zh: () => `成绩“作弊”按 0 分计。`, en: () => `Score 作弊 counted as 0.` },
  SCORE_MISSING: { severity: "warning", zh: (p) => `“${p.column}”为空：该课程暂不计入合格课程，请补录成绩。`, en: (p) => `"${p.column}" is blank: the course does not count yet.` },
  SCORE_MAKEUP_IGNORED: { severity: "warning", zh: () => `初次成绩已合格，补考成绩不予采用：请核对是否录错列。`, en: () => `First score passed; the makeup score is ignored.` },
  SCORE_PENDING_MAKEUP: { severity: "info", zh: () => `初次成绩不及格，尚无补考成绩：补考后再录入。`, en: () => `First score failed, no makeup yet.` },
  SCORE_FAILED_AFTER_MAKEUP: { severity: "warning", zh: (p) => p.value === "course" ? `补考仍不及格：按设置该课程不计入合格课程。` : `补考仍不及格：按通知“若仍不及格，取消认定资格”。`, en: (p) => p.value === "course" ? `Failed after makeup: this course does not count.` : `Failed after makeup: disqualified (notice §五(六)2).` },
  GRADE_DUPLICATE_COURSE: { severity: "warning", zh: (p) => `该生的“${p.value}”成绩已在第 ${p.other} 行登记：本行不计，请删除重复行。`, en: (p) => `Course "${p.value}" already recorded on row ${p.other}; this row is ignored.` },
  GRADE_CONFLICT: { severity: "error", zh: (p) => `该生课程“${p.value}”的这一项成绩已在${p.other}登记为“${p.expected}”，与本行不同：请核对后删除错误的一行。`, en: (p) => `"${p.value}": this score was recorded at ${p.other} as "${p.expected}" and differs here; remove the wrong row.` },
  GRADE_RETAKE: { severity: "warning", zh: (p) => `“${p.value}”的重修成绩不计入（通知只允许补考一次）：认定按正常考试和补考成绩。`, en: (p) => `Retake score for "${p.value}" does not count (one makeup only).` },
  GRADE_TOTAL_ONLY: { severity: "warning", zh: (p) => `“${p.value}”只有总评成绩，看不出理论和实操是否都合格：该课程暂不计入，请导出含理论、实操分项的成绩。`, en: (p) => `"${p.value}" has only a total score: it cannot show both parts passed and does not count yet.` },
  TALL_ITEM_UNKNOWN: { severity: "warning", zh: (p) => `成绩分项${v(p)}无法识别（应为理论、实操或总评等）：本行不计。`, en: (p) => `Score item ${v(p)} is not recognised (theory, practical or total); this row is ignored.` },
  TALL_SITTING_UNKNOWN: { severity: "warning", zh: (p) => `考试性质${v(p)}无法识别（应为正常考试、补考、重修或缓考）：本行不计。`, en: (p) => `Sitting ${v(p)} is not recognised (first, makeup, retake, deferred); this row is ignored.` },
  GRADE_STUDENT_NOT_ON_ROSTER: { severity: "warning", zh: (p) => `成绩中的学生${v(p)}不在花名册中：请核对学号，或把该生加入花名册。`, en: (p) => `Student ${v(p)} in the grades is not on the roster.` },
  GRADE_STUDENT_MISSING: { severity: "warning", zh: () => `本行有成绩但没有学号：无法对应到学生，请补填学号。`, en: () => `Scores without a student number: fill it in.` },
  GRADE_COURSE_MISSING: { severity: "warning", zh: () => `本行有成绩但课程名称为空：请补填课程名称。`, en: () => `Scores without a course name.` },
  GRADE_COURSE_NOT_RELATED: { severity: "info", zh: (p) => `课程${v(p)}不是该生申报职业的相关课程，不计入。`, en: (p) => `Course ${v(p)} is not related to the applicant's occupation.` },
  GRADE_NAME_MISMATCH: { severity: "warning", zh: (p) => `姓名${v(p)}与花名册中该学号的姓名“${p.expected}”不符：请核对。`, en: (p) => `Name ${v(p)} differs from the roster's "${p.expected}".` },
  CREDITS_INVALID: { severity: "warning", zh: (p) => `学分${v(p)}不是有效数字：按 0 计。`, en: (p) => `Credits ${v(p)} not a number; counted as 0.` },
  // forms.md C course map
  MAP_ROW_INVALID: { severity: "error", zh: (p) => `课程对照表本行职业${v(p)}无法对应到目录中的职业（工种）：请核对职业编码、名称和工种。`, en: (p) => `Course map row: ${v(p)} does not match a catalogue occupation.` },
  // forms.md D settings
  SETTING_INVALID: { severity: "error", zh: (p) => `设置“${p.column}”的值${v(p)}无效：${p.expected}。已使用默认值。`, en: (p) => `Setting "${p.column}" value ${v(p)} invalid: ${p.expected}. Default used.` },
  SETTING_UNKNOWN: { severity: "warning", zh: (p) => `设置项${v(p)}无法识别，已忽略：可用的设置项为 ${p.choices}。`, en: (p) => `Unknown setting ${v(p)} ignored.` },
  // §9 process
  PLAN_DATE_INVALID: { severity: "error", zh: (p) => `日期${v(p)}无法识别：请填写如 2023-11-01 的日期。`, en: (p) => `Date ${v(p)} not recognised.` },
  PLAN_TOO_LATE: { severity: "error", zh: (p) => `认定计划提交日期距认定日期仅 ${p.days} 天：通知要求至少提前 10 天提交，请调整日期。`, en: (p) => `Plan submitted only ${p.days} days before the assessment; at least 10 required.` },
  ID_IN_OTHER_FILE: { severity: "error", blocks: true, zh: (p) => `同一身份证号已在 ${p.other} 中申报：同一人只能由一个二级学院申报，请与该学院核对后删除一行。`, en: (p) => `The same ID number is already on ${p.other}.` },
  FILE_NOT_MERGED: { severity: "error", zh: (p) => `未汇总：${p.value}`, en: (p) => `Not merged: ${p.value}` },
  CELL_TOO_LONG: { severity: "warning", zh: (p) => `此单元格有 ${p.count} 个字符，超过 Excel 一个单元格的上限 32,767：课证在生成的表格中只写前 32,766 个字符并以“…”结尾。请核对这个单元格的内容是否填错了位置。`, en: (p) => `This cell holds ${p.count} characters, over Excel's 32,767: the sheets Kezheng writes carry the first 32,766 and "…". Check whether the content belongs here.` },
  FILE_SKIPPED: { severity: "info", zh: (p) => `已跳过：${p.value}`, en: (p) => `Skipped: ${p.value}` },
  FILE_SAME_AS: { severity: "info", zh: (p) => `与 ${p.other} 的内容完全相同（同一个文件给了两次）：只汇总一次。`, en: (p) => `Same content as ${p.other} (the same file given twice): merged once.` },
  FILE_IS_SUMMARY: { severity: "info", zh: () => `这是课证生成的汇总结果，不是二级学院的工作簿：不作为学院汇总。`, en: () => `A summary the product wrote, not a department's workbook: not merged as one.` },
  CERT_NO_FORMAT: { severity: "error", zh: (p) => `证书编号${v(p)}格式错误：应为 22 位（S/Y + 4 位机构代码 + 2 位省份 + 6 位序号 + 2 位年份 + 1 位级别 + 6 位流水号）。`, en: (p) => `Certificate number ${v(p)} malformed (22 characters).` },
  CERT_NO_LEVEL: { severity: "error", zh: (p) => `证书编号${v(p)}的级别位与认定级别（${p.expected}）不符。`, en: (p) => `Certificate number ${v(p)}: level digit differs from the certified level (${p.expected}).` },
  CERT_NO_PREFIX: { severity: "error", zh: (p) => `证书编号${v(p)}的前 13 位与设置的前缀“${p.expected}”不符。`, en: (p) => `Certificate number ${v(p)} does not start with the prefix "${p.expected}".` },
  CERT_NO_DUPLICATE: { severity: "error", zh: (p) => `证书编号${v(p)}与第 ${p.other} 行重复：证书编号必须唯一。`, en: (p) => `Certificate number ${v(p)} repeats row ${p.other}.` },
  CERT_NO_NOT_QUALIFIED: { severity: "warning", zh: (p) => `已填写证书编号${v(p)}，但该生当前不符合认定条件：请核对。`, en: (p) => `Certificate number ${v(p)} given to an applicant who does not qualify.` },
  // architecture.md "Finding what we wrote": the journal never drives a deletion it cannot verify
  JOURNAL_CELL_KEPT: { severity: "warning", zh: () => `此单元格位于课证写入的列中，但内容已不是课证写入的（可能被修改过）：课证保留它，不会清除；如不需要请手动删除。`, en: () => `This cell is in a column Kezheng wrote, but it no longer holds what Kezheng wrote (it may have been edited): it is kept and never cleared; delete it yourself if it is not needed.` },
  JOURNAL_SKIPPED: { severity: "warning", zh: (p) => `工作表${v(p)}（课证的记录）中有 ${p.count} 处与工作簿现状对不上（记录被改动或损坏，或所指的内容已被修改、删除），已跳过：相应的单元格和工作表保持原样，不会被删除。`, en: (p) => `Sheet ${v(p)} (Kezheng's record) has ${p.count} entries that do not match the workbook as it is (edited or damaged, or what they name was changed or deleted): skipped, the cells and sheets they name are left as they are.` },
  // kezheng fill: the upload template of the evaluation system or the city centre
  TEMPLATE_COLUMN_UNFILLED: { severity: "warning", zh: (p) => `模板的“${p.column}”列没有对应的数据，已留空：花名册中没有这一列（表头写法相同的列会被照抄），请在模板中手工填写，或在花名册中加上同名的列后重新填写。`, en: (p) => `Template column "${p.column}" has no matching data and was left empty; add a roster column with the same header or fill it by hand.` },
  TEMPLATE_VALUE_NOT_IN_LIST: { severity: "warning", zh: (p) => `“${p.column}”的值${v(p)}不在模板的下拉列表中（可选：${p.choices}）：已照原样填写，请从列表中选择正确的一项。`, en: (p) => `"${p.column}" value ${v(p)} is not in the template's list (${p.choices}); written as is, pick the right entry.` },
  // Issue #19: the applicants' photos (kezheng photos). value: the file, relative to the folder given.
  PHOTO_MISSING: { severity: "error", zh: (p) => `没有找到该申报人的照片：请把本人照片放入照片文件夹，文件名含身份证号、学号或姓名，如 ${p.expected}。`, en: (p) => `No photo found for this applicant: put the photo in the folder, named with the ID number, student number or name, e.g. ${p.expected}.` },
  PHOTO_UNMATCHED: { severity: "warning", zh: (p) => p.other ? `照片${v(p)}的文件名同时对应${p.other}，无法确定是谁的：请把文件名改为本人的身份证号。` : `照片${v(p)}的文件名中没有花名册上的身份证号、学号或姓名（重名的姓名不能用来对应）：请把文件名改为本人的身份证号，如 41010120020101022X.jpg；不需要的照片请移出文件夹。`, en: (p) => p.other ? `Photo ${v(p)}: the file name points to ${p.other}; rename it to the applicant's ID number.` : `Photo ${v(p)}: the file name holds no ID number, student number or unique name from the roster; rename it to the applicant's ID number, or move it out of the folder.` },
  PHOTO_DUPLICATE: { severity: "error", zh: (p) => `照片${v(p)}与${p.other}完全相同：同一张照片给了两个人，请换上本人的照片。`, en: (p) => `Photo ${v(p)} is the same file as ${p.other}: one photo given to two people; use each applicant's own photo.` },
  PHOTO_SEVERAL: { severity: "warning", zh: (p) => `该申报人有 ${p.count} 张照片（另有${p.other}），使用最新的${v(p)}（有 JPEG 照片时只在 JPEG 中选）：请删除不用的照片。`, en: (p) => `This applicant has ${p.count} photos (also ${p.other}); the newest (JPEG first), ${v(p)}, is used: delete the others.` },
  PHOTO_NOT_JPEG: { severity: "error", zh: (p) => `照片${v(p)}实际是 ${p.expected} 格式，不是 JPEG（改扩展名不能改变格式）：请在手机上“转换为 JPEG”，或用画图等软件打开后“另存为 JPG”，再重新放入文件夹。`, en: (p) => `Photo ${v(p)} is ${p.expected}, not JPEG (renaming does not convert it): convert it to JPEG on the phone or save it as JPG, then put it back.` },
  PHOTO_UNREADABLE: { severity: "error", zh: (p) => `照片${v(p)}已损坏，无法打开（可能没有拷贝完整）：请从手机或原处重新拷贝，或重新拍摄后放入文件夹。`, en: (p) => `Photo ${v(p)} is damaged and does not open (perhaps not copied completely): copy it again or take a new one.` },
  PHOTO_TOO_LARGE: { severity: "error", zh: (p) => `照片${v(p)}有 ${p.other} 像素（约 ${p.count} 万像素），超过课证能处理的 1 亿像素：请用手机的普通模式（不要用 1 亿、2 亿像素模式）重新拍摄，或用画图等软件缩小后另存为 JPG，再放入文件夹。`, en: (p) => `Photo ${v(p)} is ${p.other} px (about ${p.count} x 10,000 px), more than the 100 megapixels Kezheng can open: take it in the phone's normal mode, or shrink it and save it as JPG.` },
  PHOTO_SIZE: { severity: "warning", zh: (p) => p.side === "over" ? `照片${v(p)}有 ${p.count} KB，超出设置的照片大小（${p.expected}）：输出照片时（kezheng photos -o）会自动压缩到上限以内，原照片不变。` : `照片${v(p)}只有 ${p.count} KB，小于设置的照片大小（${p.expected}）：照片可能太模糊，请换用手机拍摄的原图（输出时照原样使用）。`, en: (p) => p.side === "over" ? `Photo ${v(p)} is ${p.count} KB, over ${p.expected}: its output copy is compressed to fit; the original is unchanged.` : `Photo ${v(p)} is only ${p.count} KB, under ${p.expected}: it may be blurred; use the phone's original (it is used as it is).` },
  PHOTO_DIMENSIONS: { severity: "warning", zh: (p) => p.side === "ratio" ? `照片${v(p)}为 ${p.other} 像素，宽高比与${p.expected}相差超过 5%：输出时按比例缩小放入，不裁剪（以免裁掉面部），四周会偏窄或偏矮；请先把照片裁剪成证件照比例再放入。` : `照片${v(p)}只有 ${p.other} 像素，小于${p.expected}：输出时不会放大，打印可能模糊，请换用更清晰的原图。`, en: (p) => p.side === "ratio" ? `Photo ${v(p)} is ${p.other} px, its aspect ratio more than 5% off ${p.expected}: scaled to fit inside, never cropped; crop it to the ID-photo ratio first.` : `Photo ${v(p)} is only ${p.other} px, smaller than ${p.expected}: it is not enlarged and may print blurred; use a sharper original.` },
  PHOTO_BACKGROUND: { severity: "warning", zh: (p) => `照片${v(p)}的背景不是白色（边缘平均亮度 ${p.count}%，或颜色较深）：请换用白色背景的照片。`, en: (p) => `Photo ${v(p)}: the background is not white (mean edge lightness ${p.count}%, or coloured); use a photo with a white background.` },
  // file layer: unusable workbooks (UnusableWorkbook); `file` is the file's name
  FILE_EMPTY: { severity: "error", zh: (p) => `${p.file} 是空文件：请确认保存完整后再试。`, en: (p) => `${p.file} is empty: make sure it was saved completely.` },
  FILE_NOT_WORKBOOK: { severity: "error", zh: (p) => `${p.file} 不是有效的 Excel 工作簿（可能已损坏，或只是改了扩展名）：请${RESAVE.zh}。`, en: (p) => `${p.file} is not a valid Excel workbook (damaged, or only renamed): ${RESAVE.en}.` },
  FILE_NOT_EXCEL: { severity: "error", zh: (p) => `${p.file} 不是 Excel 工作簿：请${SAVE_AS.zh}。`, en: (p) => `${p.file} is not an Excel workbook: ${SAVE_AS.en}.` },
  FILE_IS_CSV: { severity: "error", zh: (p) => `${p.file} 是 CSV 文本文件：请${SAVE_AS.zh}。`, en: (p) => `${p.file} is a CSV text file: ${SAVE_AS.en}.` },
  FILE_IS_XLS: { severity: "error", zh: (p) => `${p.file} 是旧版 Excel 97-2003（.xls）格式：请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再试。`, en: (p) => `${p.file} is an Excel 97-2003 (.xls) file: save it as an Excel workbook (.xlsx) in Excel or WPS.` },
  FILE_IS_ODS: { severity: "error", zh: (p) => `${p.file} 是 LibreOffice 的 ODS 格式：课证可以检查它，但写回需要 .xlsx。请在 LibreOffice 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再试。`, en: (p) => `${p.file} is a LibreOffice ODS file: it can be checked, but writing back needs .xlsx; save it as an Excel workbook (.xlsx) in LibreOffice or WPS.` },
  FILE_PASSWORD: { severity: "error", zh: (p) => `${p.file} 设有打开密码，无法读取：请在 Excel 中打开，依次点“文件 > 信息 > 保护工作簿 > 用密码进行加密”，清空密码并保存后再试。`, en: (p) => `${p.file} has an opening password: in Excel, File > Info > Protect Workbook > Encrypt with Password, clear it and save.` },
  FILE_ONE_COLUMN_TEXT: { severity: "error", zh: (p) => `${p.file} 是只有一列的文本（第一行没有逗号、制表符或分号把各列分开）：花名册和成绩表至少要有学号、姓名等几列。请在 Excel 或 WPS 中打开它，确认各列已分开后另存为 Excel 工作簿（.xlsx）再试。`, en: (p) => `${p.file} is text with a single column (no comma, tab or semicolon in its first line): open it in Excel or WPS, split the columns and save it as .xlsx.` },
  FILE_NOT_TABLE: { severity: "error", zh: (p) => `${p.file} 不是 Excel 工作簿，也不是 CSV 文本：请${SAVE_AS.zh}。`, en: (p) => `${p.file} is neither an Excel workbook nor CSV text: ${SAVE_AS.en}.` },
  ZIP_BOMB: { severity: "error", zh: (p) => `${p.file} 的压缩内容异常庞大（解压后远超正常工作簿），为保护本机内存已拒绝打开：请确认文件来源，${RESAVE.zh}。`, en: (p) => `${p.file} inflates far beyond any real workbook and was refused to protect this computer's memory: check where it came from, then ${RESAVE.en}.` },
  ZIP_ENCRYPTED: { severity: "error", zh: (p) => `${p.file} 设有密码，无法读取：请在 Excel 中清除密码并保存后再试。`, en: (p) => `${p.file} is password-protected: clear the password in Excel and save.` },
  ZIP_DAMAGED: { severity: "error", zh: (p) => `${p.file} 已损坏（压缩包不完整或结构有误）：文件可能没有下载或复制完整，请重新获取，或${RESAVE.zh}。`, en: (p) => `${p.file} is damaged (an incomplete or malformed zip): get it again, or ${RESAVE.en}.` },
  PART_MISSING: { severity: "error", zh: (p) => `${p.file} 缺少 ${p.part}（文件可能已损坏）：请${RESAVE.zh}。`, en: (p) => `${p.file} lacks ${p.part} (damaged?): ${RESAVE.en}.` },
  PART_NOT_XML: { severity: "error", zh: (p) => `${p.file} 中的 ${p.part} 不是完好的 XML：文件可能已损坏，请${RESAVE.zh}。`, en: (p) => `${p.part} in ${p.file} is not well-formed XML (damaged?): ${RESAVE.en}.` },
  SHEET_NOT_XML: { severity: "error", zh: (p) => `${p.file} 的工作表“${p.sheet}”已损坏（不是完好的 XML）：请${RESAVE.zh}。`, en: (p) => `Sheet "${p.sheet}" of ${p.file} is damaged (not well-formed XML): ${RESAVE.en}.` },
  SHEET_BAD_CELL: { severity: "error", zh: (p) => `${p.file} 的工作表“${p.sheet}”已损坏（${p.value}）：请${RESAVE.zh}。`, en: (p) => `Sheet "${p.sheet}" of ${p.file} is damaged (${p.value}): ${RESAVE.en}.` },
  SHEET_PART_MISSING: { severity: "error", zh: (p) => `${p.file} 的工作表“${p.sheet}”缺少其内容（${p.part}，文件可能已损坏）：请${RESAVE.zh}。`, en: (p) => `Sheet "${p.sheet}" of ${p.file} has lost its content (${p.part}; damaged?): ${RESAVE.en}.` },
  SHEET_NO_DATA: { severity: "error", zh: (p) => `${p.file} 的工作表“${p.sheet}”已损坏（缺少存放单元格的 sheetData）：请${RESAVE.zh}。`, en: (p) => `Sheet "${p.sheet}" of ${p.file} is damaged (it has no sheetData): ${RESAVE.en}.` },
  FILE_TOO_LARGE: { severity: "error", zh: (p) => `${p.file} ${p.value}，为保护本机内存已拒绝读取：请确认文件来源；若确是本学院的数据，请在 Excel、WPS 或 LibreOffice 中打开，删去多余内容后另存为 .xlsx 再试。`, en: (p) => `${p.file}: ${p.value}; refused to protect this computer's memory. If it really is the department's data, open it in Excel, WPS or LibreOffice, remove what is not needed and save it as .xlsx.` },
  ODS_ENCRYPTED: { severity: "error", zh: (p) => `${p.file} 设有密码，无法读取：请在 LibreOffice 中去掉密码并保存后再试。`, en: (p) => `${p.file} is password-protected: remove the password in LibreOffice and save.` },
  ODS_DAMAGED: { severity: "error", zh: (p) => `${p.file} 已损坏（ODS 文件不完整）：文件可能没有下载或复制完整，请重新获取，或在 LibreOffice 中打开后另存为 .xlsx 再试。`, en: (p) => `${p.file} is damaged (an incomplete ODS file): get it again, or open it in LibreOffice and save it as .xlsx.` },
  LEGACY_DAMAGED: { severity: "error", zh: (p) => `${p.file} 无法读取（${p.form}的文件已损坏或不完整）：请在 Excel、WPS 或 LibreOffice 中打开后另存为 .xlsx 再试。`, en: (p) => `${p.file} cannot be read (a damaged or incomplete ${p.form} file): open it in Excel, WPS or LibreOffice and save it as .xlsx.` },
  TEMPLATE_XLS_DAMAGED: { severity: "error", zh: (p) => `${p.file} 无法读取（Excel 97-2003 格式的文件已损坏或不完整）：请重新下载模板。`, en: (p) => `${p.file} cannot be read (a damaged or incomplete Excel 97-2003 file): download the template again.` },
  TEMPLATE_NOT_EXCEL: { severity: "error", zh: (p) => `${p.file} 不是 Excel 模板（.xlsx、.xlsm 或 .xls）：请使用考试认证系统或认定中心下发的原始模板文件。`, en: (p) => `${p.file} is not an Excel template (.xlsx, .xlsm or .xls): use the template file as it was handed out.` },
  CSV_MIXED_ENCODINGS: { severity: "error", zh: (p) => `${p.file} 混用了两种文字编码：第 ${p.other} 行是 ${p.value}，前面的行不是，照此读取会把姓名等读成乱码。请在 Excel 或 WPS 中打开各原始导出文件，分别另存为 .xlsx 后再导入。`, en: (p) => `${p.file} mixes two text encodings: line ${p.other} is ${p.value}, the lines before are not; open each original export in Excel or WPS and save it as .xlsx.` },
  NO_SHEETS: { severity: "error", zh: (p) => `${p.file} 中没有工作表：请打开填写好的申报人员花名册。`, en: (p) => `${p.file} has no sheets: open the filled-in roster.` },
  // the forms a workbook must hold (check): the workbook cannot be checked at all
  WORKBOOK_EMPTY: { severity: "error", zh: () => `工作簿是空的：请打开填写好的申报人员花名册，或用 kezheng template 生成空白表格后填写。`, en: () => `The workbook is empty: open the filled-in roster, or make blank forms with kezheng template and fill them in.` },
  ROSTER_TIE: { severity: "error", zh: (p) => `工作表“${p.value}”和“${p.other}”都像申报人员花名册，无法确定用哪一张：请删除不用的那张（如备份），或把它改名为不含“花名册”的名称（如“旧名单”），只让要检查的那张名称含“花名册”。`, en: (p) => `Sheets "${p.value}" and "${p.other}" both look like the roster: delete the one not in use (a backup?), or rename it so that only the sheet to check has 花名册 in its name.` },
  ROSTER_NOT_FOUND: { severity: "error", zh: () => `没有找到申报人员花名册：需要一张表头含“姓名”“身份证号”“职业编码”（或“职业名称”）的工作表。请检查表头写法，或用 kezheng template 生成标准表格。`, en: () => `No roster found: a sheet whose header row has 姓名, 身份证号 and 职业编码 (or 职业名称) is needed. Check the header spellings, or make the standard forms with kezheng template.` },
} satisfies Record<string, Entry>;

export type IssueCode = keyof typeof MESSAGES;

export function severityOf(code: IssueCode): Severity {
  return MESSAGES[code].severity as Severity;
}

export function blocksDecision(code: IssueCode): boolean {
  return (MESSAGES[code] as Entry).blocks === true;
}

/** A value quoted back in a message: long enough to find it, never a whole pasted page. */
const QUOTED_CHARS = 200;
const quoted = (s: string | undefined) => (s !== undefined && s.length > QUOTED_CHARS ? `${s.slice(0, QUOTED_CHARS - 1)}…（共 ${s.length} 个字符）` : s);

export function messageFor(code: IssueCode, params: MessageParams = {}, locale: "zh-CN" | "en-US" = "zh-CN"): string {
  const entry: Entry = MESSAGES[code];
  const p = { ...params, value: quoted(params.value), other: quoted(params.other) };
  return locale === "en-US" ? entry.en(p) : entry.zh(p);
}
