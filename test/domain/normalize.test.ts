import { normalizeKey, normalizeText, toHalfWidth } from "../../src/domain/normalize";

describe("§8 normalisation", () => {
  test.each([
    ["§8 trim", "  张三 ", "张三"],
    ["§8 full-width digits to half-width", "４１０１０２", "410102"],
    ["§8 full-width letters and punctuation", "ＡＢｃ－１", "ABc-1"],
    ["§8 ideographic space folded", "张\u3000三", "张 三"],
    ["§8 no-break space folded", "张\u00a0三", "张 三"],
    ["§8 zero-width removed", "41\u200b01\ufeff02", "410102"],
    ["§8 runs of spaces folded", "a  \t b", "a b"],
  ])("%s", (_rule, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  test("§8 no full NFKC on names: compatibility ideographs and kana stay as typed", () => {
    expect(toHalfWidth("﨑")).toBe("﨑");
    expect(normalizeText("ｶﾀｶﾅ")).toBe("ｶﾀｶﾅ");
  });

  test("§8 keys drop every space", () => {
    expect(normalizeKey(" 身份证 号\u3000码 ")).toBe("身份证号码");
  });
});
