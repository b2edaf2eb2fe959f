// forms.md D: settings with their defaults. §1 year, §5 failed makeup and grade words, §6 credits, §9 certificates and masking.
import type { Level } from "./catalogue";

export type FailedMakeupRule = "disqualify" | "course";

export interface Settings {
  /** §1 assessment year Y. */
  assessmentYear: number;
  schoolName: string;
  /** §5: 取消资格 (default) or 该课程不计. */
  failedMakeup: FailedMakeupRule;
  /** §6: credit thresholds per level; absent = the credit route is off. */
  creditThresholds: Partial<Record<Level, number>>;
  /** §9: first 13 characters of certificate numbers, or null. */
  certPrefix: string | null;
  /** §9: year of issue (4 digits); its last two digits go into certificate numbers. */
  certYear: number;
  /** §9: ID digits kept when masked for publication. */
  mask: { lead: number; trail: number };
  /** §5: grade words and their scores. */
  gradeWords: Readonly<Record<string, number>>;
  /** Issue #19: the applicants' photos (照片命名, 照片大小, 照片尺寸). */
  photos: PhotoSettings;
}

/** How `photos -o` names each file: 41010120020101022X.jpg, 张三_41010120020101022X.jpg or 2021000012.jpg. */
export type PhotoNaming = "身份证号" | "姓名_身份证号" | "学号";
export type PhotoBox = "一寸" | "二寸";

export interface PhotoSettings {
  naming: PhotoNaming;
  /** 照片大小 in KB (1 KB = 1,024 bytes), both ends included. */
  minKB: number;
  maxKB: number;
  size: PhotoBox;
}

/** Pixel sizes of the photo boxes, as the evaluation systems ask for them (300 dpi). */
export const PHOTO_BOXES: Record<PhotoBox, { width: number; height: number }> = { 一寸: { width: 295, height: 413 }, 二寸: { width: 413, height: 579 } };
export const PHOTO_NAMINGS: readonly PhotoNaming[] = ["身份证号", "姓名_身份证号", "学号"];

export const defaultPhotoSettings = (): PhotoSettings => ({ naming: "身份证号", minKB: 10, maxKB: 200, size: "一寸" });

export const DEFAULT_GRADE_WORDS: Readonly<Record<string, number>> = {
  优秀: 95, 优: 95, 良好: 85, 良: 85, 中等: 75, 中: 75, 及格: 65, 合格: 65, 不及格: 0, 不合格: 0,
};

export const DEFAULT_YEAR = 2023;

export function defaultSettings(assessmentYear = DEFAULT_YEAR): Settings {
  return {
    assessmentYear,
    schoolName: "周口职业技术学院",
    failedMakeup: "disqualify",
    creditThresholds: {},
    certPrefix: null,
    certYear: assessmentYear,
    mask: { lead: 6, trail: 4 },
    gradeWords: DEFAULT_GRADE_WORDS,
    photos: defaultPhotoSettings(),
  };
}
