# Prints sheets of workbooks to PDF with LibreOffice, one PDF per sheet: one office process, each
# workbook loaded once, each sheet exported as the PDF filter's selection (hiding the other sheets
# does not keep them out of LibreOffice 7.4's PDF), with the sheet's own print setup.
# Usage: print_sheets.py PROFILE_DIR JOBS.json
#   JOBS.json: [{"file": "/a.xlsx", "sheets": ["备案表", ...], "outdir": "/out"}]; writes outdir/<k>.pdf
#   for the k-th sheet and prints {"file": ..., "pdfs": {sheet: path}} as one JSON line per job.
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(profile):
    pipe = "kzprint%d" % os.getpid()
    office = subprocess.Popen(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore", "--nologo",
                               "--nodefault", "--accept=pipe,name=%s;urp;" % pipe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            return office, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:  # noqa: BLE001 - the office is still starting
            if office.poll() is not None:
                raise RuntimeError("soffice exited while starting")
            time.sleep(0.5)
    raise RuntimeError("soffice did not answer")


def main():
    profile, jobs_file = sys.argv[1], sys.argv[2]
    with open(jobs_file, encoding="utf-8") as f:
        jobs = json.load(f)
    office, desktop = connect(profile)
    try:
        for job in jobs:
            url = uno.systemPathToFileUrl(os.path.abspath(job["file"]))
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            sheets = doc.Sheets
            names = list(sheets.ElementNames)
            pdfs = {}
            for k, wanted in enumerate(job["sheets"]):
                if wanted not in names:
                    continue
                out = os.path.join(job["outdir"], "%d.pdf" % k)
                data = uno.Any("[]com.sun.star.beans.PropertyValue", (prop("Selection", sheets.getByName(wanted)),))
                uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(out), (prop("FilterName", "calc_pdf_Export"), prop("FilterData", data))))
                pdfs[wanted] = out
            doc.close(True)
            print(json.dumps({"file": job["file"], "pdfs": pdfs}, ensure_ascii=False), flush=True)
    finally:
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge closes as the office quits
            pass
        office.wait(timeout=60)


main()
