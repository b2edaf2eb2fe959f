"""openpyxl (Debian's python3-openpyxl) as another writer and an independent reader for the tests.

  make SPEC.json OUT.xlsx   a workbook from {"sheets": [{"name", "rows", "merges"}]} plus what a
                            school's file carries: a bar chart, a picture, a cell comment, a data
                            validation, conditional formatting, frozen panes, a hidden column and
                            a defined name, all on the first sheet
  edit IN OUT OPS.json       a user's edits done by openpyxl (insert/delete rows and columns, rename,
                            move): openpyxl moves cells but not defined names or formulas
  dump FILE.xlsx            every sheet's cells (cached values) and solid fills, widths, hidden
                            columns and sheet state, as JSON on stdout
"""
import io
import json
import sys

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation


def make(spec_path, out):
    spec = json.load(open(spec_path, encoding="utf-8"))
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for s in spec["sheets"]:
        ws = wb.create_sheet(s["name"])
        for row in s["rows"]:
            ws.append([None if v is None else v for v in row])
        for m in s.get("merges", []):
            ws.merge_cells(m)
    ws = wb.worksheets[0]
    # A little table of its own, right of everything, for the chart.
    base = ws.max_column + 30
    for i, (label, n) in enumerate([("三级", 12), ("四级", 30), ("未达", 7)]):
        ws.cell(row=i + 1, column=base, value=label)
        ws.cell(row=i + 1, column=base + 1, value=n)
    chart = BarChart()
    chart.title = "用户自己的图表"
    chart.add_data(Reference(ws, min_col=base + 1, min_row=1, max_row=3))
    chart.set_categories(Reference(ws, min_col=base, min_row=1, max_row=3))
    ws.add_chart(chart, "B70")
    try:
        from openpyxl.drawing.image import Image
        from PIL import Image as PILImage

        buf = io.BytesIO()
        PILImage.new("RGB", (40, 20), (200, 30, 30)).save(buf, format="PNG")
        buf.seek(0)
        ws.add_image(Image(buf), "H70")
    except ImportError:
        pass
    ws["B3"].comment = Comment("家长确认过姓名写法", "秘书")
    dv = DataValidation(type="list", formula1='"男,女"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("C3:C200")
    ws.conditional_formatting.add("A3:A200", CellIsRule(operator="greaterThan", formula=["1000"], fill=PatternFill("solid", fgColor="FFFF00")))
    ws.freeze_panes = "C3"
    ws.column_dimensions["A"].hidden = True
    ws["A1"].fill = PatternFill("solid", fgColor="FF00B050")
    wb.defined_names.append(DefinedName("用户的名称", attr_text=f"'{ws.title}'!$A$1:$B$2"))
    wb.save(out)


def dump(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    out = []
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" and isinstance(c.fill.fgColor.rgb, str) else None
                v = c.value
                if hasattr(v, "isoformat"):
                    v = v.isoformat()
                if v is None and fill is None:
                    continue
                cells[c.coordinate] = [v, fill]
        widths = {k: round(d.width, 1) for k, d in ws.column_dimensions.items() if d.width}
        hidden = sorted(k for k, d in ws.column_dimensions.items() if d.hidden)
        out.append({"name": ws.title, "state": ws.sheet_state, "cells": cells, "widths": widths, "hidden": hidden})
    json.dump(out, sys.stdout, ensure_ascii=False)


def edit(src, out, ops_path):
    wb = openpyxl.load_workbook(src)
    for o in json.load(open(ops_path, encoding="utf-8")):
        ws = wb[o["sheet"]]
        op = o["op"]
        if op == "insertCols":
            ws.insert_cols(o["at"] + 1, o.get("count", 1))
        elif op == "deleteCols":
            ws.delete_cols(o["at"] + 1, o.get("count", 1))
        elif op == "insertRows":
            ws.insert_rows(o["at"] + 1, o.get("count", 1))
        elif op == "deleteRows":
            ws.delete_rows(o["at"] + 1, o.get("count", 1))
        elif op == "rename":
            ws.title = o["to"]
        elif op == "move":
            wb.move_sheet(ws, o["to"] - wb.sheetnames.index(o["sheet"]))
        elif op == "set":
            ws[o["cell"]] = o["text"]
        else:
            raise SystemExit("unknown op " + op)
    wb.save(out)


if __name__ == "__main__":
    {"make": lambda: make(sys.argv[2], sys.argv[3]), "dump": lambda: dump(sys.argv[2]), "edit": lambda: edit(sys.argv[2], sys.argv[3], sys.argv[4])}[sys.argv[1]]()
