/* global CustomFunctions */
// Excel custom functions, namespace KZ (manifest). Metadata (functions.json) is generated from the
// JSDoc below by CustomFunctionsMetadataPlugin. Each is a thin wrapper over src/domain via kz.ts.
import * as kz from "./kz";

/** A KzError becomes #VALUE! with its message; anything else is a bug and goes up as it is. */
function excelError(e: unknown): unknown {
  if (e instanceof kz.KzError) return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, e.message);
  return e;
}

/**
 * 可认定等级：按年级、职业和合格课程数返回 3（三级/高级工）、4（四级/中级工）或不能认定的原因。
 * @customfunction LEVEL
 * @param cohort 年级，如 2021 或 2021级
 * @param occupationCode 职业编码，如 4-04-05-01
 * @param workType 工种/职业方向（无则留空）
 * @param passedCourses 已合格相关课程数
 * @param [assessmentYear] 认定年度，默认 2023
 * @returns 3、4 或原因
 */
export function level(cohort: string, occupationCode: string, workType: string, passedCourses: number, assessmentYear?: number): any {
  try {
    return kz.level(cohort, occupationCode, workType, passedCourses, assessmentYear);
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * 课程结果：理论与实操（含补考）均合格为“通过”；未及格待补考为“待补考”；补考仍不及格为“取消资格”。
 * @customfunction COURSE
 * @param theory 理论成绩
 * @param practical 实操成绩
 * @param [theoryMakeup] 理论补考成绩
 * @param [practicalMakeup] 实操补考成绩
 * @returns 通过、待补考、取消资格或缺成绩
 */
export function course(theory: any, practical: any, theoryMakeup?: any, practicalMakeup?: any): string {
  try {
    return kz.course(theory, practical, theoryMakeup, practicalMakeup);
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * 身份证号检查：有效时返回空文本，否则返回原因。
 * @customfunction IDCHECK
 * @param id 身份证号
 * @param [sex] 性别（男/女），给出时核对第 17 位
 * @returns 空文本或原因
 */
export function idcheck(id: any, sex?: string): string {
  return kz.idCheck(id, sex);
}

/**
 * 公示用身份证号：保留前 6 位和后 4 位，其余以 * 代替。
 * @customfunction MASKID
 * @param id 身份证号
 * @returns 遮盖后的身份证号
 */
export function maskid(id: string): string {
  return kz.maskIdNumber(id);
}

/**
 * 证书编号：13 位前缀 + 2 位年份 + 1 位级别 + 6 位流水号。
 * @customfunction CERTNO
 * @param prefix 前 13 位（S/Y + 4 位机构代码 + 2 位省份 + 6 位序号）
 * @param year 发证年份，如 2024
 * @param level 级别 3 或 4
 * @param serial 流水号 1-999999
 * @returns 22 位证书编号
 */
export function certno(prefix: string, year: number, level: number, serial: number): string {
  try {
    return kz.certNo(prefix, year, level, serial);
  } catch (e) {
    throw excelError(e);
  }
}
