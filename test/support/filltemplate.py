"""Upload templates as evaluation systems and city centres hand them out, written by openpyxl.

  python3 filltemplate.py make OUT.xlsx
                                    title and note rows, the header in row 3, columns in an unusual
                                    order, drop-down lists (级别 from a hidden 代码表 sheet, 证件类型,
                                    性别), text- and date-formatted columns, bordered cells, an
                                    example row, a 民族 column no roster has, an instructions sheet
  python3 filltemplate.py dump FILE.xlsx SHEET
                                    the sheet's cells as JSON rows of [value, data type, number format]
"""
import json
import sys

import openpyxl
from openpyxl.styles import Border, Font, Side
from openpyxl.worksheet.datavalidation import DataValidation

HEADERS = ["序号", "证件类型", "证件号码", "考生姓名", "性别", "民族", "出生日期", "申报职业", "职业编码", "工种", "级别", "考生来源", "手机号码", "学号", "班级", "备注"]
EXAMPLE = [1, "01-居民身份证", "410102199901011234", "张三", "男", "汉族", "1999-01-01", "电工", "6-31-01-03", None, "中级工", "在校生", "13800000000", "2021001", "示例班", "示例行，导入前请删除"]


def make(out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "考生信息"
    ws["A1"] = "2023年职业技能等级认定考生信息导入模板"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws["A2"] = "注意：切记不要修改表格的格式，带*的为必填项"
    for i, h in enumerate(HEADERS, start=1):
        c = ws.cell(row=3, column=i, value=("*" + h) if h in ("证件号码", "考生姓名") else h)
        c.font = Font(bold=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for r in range(4, 104):
        for i, h in enumerate(HEADERS, start=1):
            c = ws.cell(row=r, column=i)
            c.border = box
            if h in ("证件号码", "手机号码", "学号"):
                c.number_format = "@"
            if h == "出生日期":
                c.number_format = "yyyy-mm-dd"
    for i, v in enumerate(EXAMPLE, start=1):
        ws.cell(row=4, column=i, value=v)
    ws.column_dimensions["C"].width = 22
    codes = wb.create_sheet("代码表")
    for r, (a, b, c) in enumerate([("级别", "考生来源", "证件类型"), ("中级工", "在校学生", "01-居民身份证"), ("高级工", "社会人员", "02-港澳台居民居住证"), (None, None, "03-护照")], start=1):
        codes.cell(row=r, column=1, value=a)
        codes.cell(row=r, column=2, value=b)
        codes.cell(row=r, column=3, value=c)
    codes.sheet_state = "hidden"
    help_ = wb.create_sheet("填写说明")
    for r, line in enumerate(["1. 每位考生一行，从第 4 行开始填写。", "2. 证件号码、手机号码请以文本格式填写。", "3. 级别、证件类型请从下拉列表中选择。"], start=1):
        help_.cell(row=r, column=1, value=line)
    for col, source in (("K", "代码表!$A$2:$A$3"), ("L", "代码表!$B$2:$B$3"), ("B", "代码表!$C$2:$C$4"), ("E", '"男,女"')):
        dv = DataValidation(type="list", formula1=source, allow_blank=True)
        ws.add_data_validation(dv)
        dv.add(f"{col}4:{col}1000")
    wb.save(out)


def dump(path, sheet):
    ws = openpyxl.load_workbook(path)[sheet]
    out = []
    for row in ws.iter_rows():
        out.append([[c.value.isoformat()[:10] if hasattr(c.value, "isoformat") else c.value, c.data_type, c.number_format] for c in row])
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    {"make": lambda: make(sys.argv[2]), "dump": lambda: dump(sys.argv[2], sys.argv[3])}[sys.argv[1]]()
