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
}

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
  };
}
