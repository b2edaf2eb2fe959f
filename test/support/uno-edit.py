#!/usr/bin/python3
"""A user's edits done by LibreOffice itself (python3-uno), as the secretary would between runs.

  uno-edit.py IN.xlsx OUT.xlsx OPS.json

OPS is a list of {"op": ..., "sheet": name, ...}:
  insertCols/deleteCols {at, count}   insertRows/deleteRows {at, count}   (0-based)
  rename {to}   move {to} (new 0-based position)   names (prints every named range as JSON)
LibreOffice keeps its named ranges, formulas and notes in step with these edits, as Excel does.
Talks to a headless soffice over a named pipe (no network); a throwaway profile.
"""
import json, os, subprocess, sys, tempfile, time
import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def address(sheet_index, c0, r0, c1, r1):
    a = uno.createUnoStruct("com.sun.star.table.CellRangeAddress")
    a.Sheet, a.StartColumn, a.StartRow, a.EndColumn, a.EndRow = sheet_index, c0, r0, c1, r1
    return a


def edit(doc, ops):
    sheets = doc.Sheets
    out = []
    for o in ops:
        op = o["op"]
        if op == "names":
            got = []
            for n in doc.NamedRanges.ElementNames:
                got.append({"name": n, "content": doc.NamedRanges.getByName(n).Content})
            for i in range(sheets.Count):
                s = sheets.getByIndex(i)
                for n in s.NamedRanges.ElementNames:
                    got.append({"sheet": s.Name, "name": n, "content": s.NamedRanges.getByName(n).Content})
            out.append(got)
            continue
        names = list(sheets.ElementNames)
        idx = names.index(o["sheet"])
        s = sheets.getByIndex(idx)
        if op == "insertCols":
            s.Columns.insertByIndex(o["at"], o.get("count", 1))
        elif op == "deleteCols":
            s.Columns.removeByIndex(o["at"], o.get("count", 1))
        elif op == "insertRows":
            s.Rows.insertByIndex(o["at"], o.get("count", 1))
        elif op == "deleteRows":
            s.Rows.removeByIndex(o["at"], o.get("count", 1))
        elif op == "rename":
            s.Name = o["to"]
        elif op == "move":
            sheets.moveByName(o["sheet"], o["to"])
        elif op == "copy":
            sheets.copyByName(o["sheet"], o["to"], sheets.Count)
        elif op == "set":
            s.getCellRangeByName(o["cell"]).setString(o["text"])
        else:
            raise SystemExit("unknown op " + op)
    return out


def main():
    src, dst, ops = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), json.load(open(sys.argv[3], encoding="utf-8"))
    pipe = "kzedit%d" % os.getpid()
    profile = tempfile.mkdtemp(prefix="kz-lo-uno-")
    office = subprocess.Popen(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore", "--nologo",
                               "--accept=pipe,name=%s;urp;" % pipe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(240):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.25)
        else:
            raise SystemExit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
        out = edit(doc, ops)
        doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
        print(json.dumps(out, ensure_ascii=False))
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        office.terminate()
        office.wait()


if __name__ == "__main__":
    main()
