// fast-check properties over the rules (issue 3 §5-§7).
import fc from "fast-check";
import { checkIdNumber, idCheckChar } from "../../src/domain/idnumber";
import { parseScore, isPass } from "../../src/domain/score";
import { DEFAULT_GRADE_WORDS } from "../../src/domain/settings";
import { decide, eligibleLevel, STATUSES } from "../../src/domain/eligibility";
import type { Level } from "../../src/domain/catalogue";

const digits17 = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 17, maxLength: 17 }).map((d) => d.join(""));
const levels = fc.constantFrom<Level[]>([3, 4], [3], [4]);

describe("properties", () => {
  test("§7 the check character of any 17 digits validates", () => {
    fc.assert(fc.property(digits17, (d) => {
      const id = d + idCheckChar(d);
      expect(checkIdNumber(id, 2023).problems).not.toContain("ID_CHECKSUM");
    }));
  });

  test("§7 changing any one digit of a valid ID is caught", () => {
    fc.assert(fc.property(digits17, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (d, pos, delta) => {
      const id = d + idCheckChar(d);
      const changed = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
      expect(checkIdNumber(changed, 2023).problems).toContain("ID_CHECKSUM");
    }));
  });

  test("§5 a passing score stays passing with full-width digits, 分 or surrounding spaces", () => {
    const fullWidth = (s: string) => s.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(fc.property(fc.integer({ min: 60, max: 100 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), (n, tenth, decimal) => {
      const text = decimal && n < 100 ? `${n}.${tenth}` : String(n);
      for (const written of [text, fullWidth(text), `${text}分`, ` ${text} `, `\u3000${fullWidth(text)}分\u3000`]) {
        expect(isPass(parseScore(written, DEFAULT_GRADE_WORDS))).toBe(true);
      }
    }));
  });

  test("§6 more passed courses never lower eligibleLevel", () => {
    fc.assert(fc.property(levels, levels, fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 5 }), (occ, coh, c, more) => {
      const rank = (l: Level | null) => (l === null ? 0 : l === 4 ? 1 : 2);
      const at = (n: number) => eligibleLevel({ occupationLevels: occ, cohortLevels: coh, passedCourses: n, earnedCredits: 0, creditThresholds: {} });
      expect(rank(at(c + more))).toBeGreaterThanOrEqual(rank(at(c)));
    }));
  });

  test("§6 status is always one of the seven, missing never negative", () => {
    fc.assert(fc.property(
      fc.record({
        identityError: fc.boolean(), cohortInScope: fc.boolean(), competition: fc.boolean(), failedAfterMakeup: fc.boolean(),
        requestedLevel: fc.constantFrom<Level | null>(3, 4, null), occupationLevels: levels, cohortLevels: levels,
        passedCourses: fc.integer({ min: 0, max: 20 }), earnedCredits: fc.integer({ min: 0, max: 80 }),
        creditThresholds: fc.constantFrom({}, { 4: 24 }, { 3: 32, 4: 24 }),
      }),
      (input) => {
        const d = decide(input);
        expect(STATUSES).toContain(d.status);
        expect(d.missing).toBeGreaterThanOrEqual(0);
        if (d.status === "eligible" || d.status === "downgrade") expect(d.eligibleLevel).not.toBeNull();
        else expect(d.eligibleLevel).toBeNull();
      },
    ));
  });
});
