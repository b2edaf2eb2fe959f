import { formatCertNo, parseCertNo } from "../../src/domain/certno";
import { daysBetween, parseDay } from "../../src/domain/dates";

describe("§9 certificate numbers", () => {
  test("§9 22 characters: prefix 13 + year 2 + level 1 + serial 6", () => {
    const n = formatCertNo("S000041000001", 2024, 3, 17);
    expect(n).toBe("S00004100000124" + "3" + "000017");
    expect(n).toHaveLength(22);
    expect(parseCertNo(n)).toEqual({ prefix: "S000041000001", year2: "24", level: 3, serial: 17 });
  });

  test.each([["S00004100000124300001"], ["X000041000001243000017"], ["S000041000001246000017"], ["S0000410000012430000170"], [""]])("§9 %p is malformed", (n) => {
    expect(parseCertNo(n)).toBeNull();
  });

  test("§9 a bad prefix or serial cannot be formatted", () => {
    expect(() => formatCertNo("S00004100001", 2024, 4, 1)).toThrow(/13 位/);
    expect(() => formatCertNo("S000041000001", 2024, 4, 0)).toThrow(/流水号/);
    expect(() => formatCertNo("S000041000001", 2024, 4, 1000000)).toThrow(/流水号/);
  });
});

describe("§9 plan dates", () => {
  test.each([
    ["2023-11-01", "2023-11-11", 10], ["2023/11/1", "2023年11月10日", 9], ["2023.11.01", "2023-12-01", 30],
  ])("%s to %s is %p days", (a, b, days) => {
    expect(daysBetween(parseDay(a) as number, parseDay(b) as number)).toBe(days);
  });

  test("dates as date cells and Excel serial numbers", () => {
    expect(parseDay(new Date(Date.UTC(2023, 10, 1)))).toBe(Date.UTC(2023, 10, 1));
    expect(parseDay(45231)).toBe(Date.UTC(2023, 10, 1));
    expect(parseDay("2023-02-30")).toBeNull();
    expect(parseDay("下周一")).toBeNull();
  });
});
