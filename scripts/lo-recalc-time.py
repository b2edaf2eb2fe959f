#!/usr/bin/python3
# Times LibreOffice's full recalculation (calculateAll) of an .xlsx, apart from loading and saving.
# Talks to a headless soffice over a named pipe (no network). Used by `npm run bench`.
# Usage: /usr/bin/python3 scripts/lo-recalc-time.py FILE.xlsx  -> prints seconds as JSON.
import json, os, subprocess, sys, tempfile, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

path = os.path.abspath(sys.argv[1])
pipe = "kzbench%d" % os.getpid()
profile = tempfile.mkdtemp(prefix="kz-lo-uno-")
office = subprocess.Popen(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                           "--accept=pipe,name=%s;urp;" % pipe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.5)
    else:
        raise SystemExit("LibreOffice did not start")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    started = time.time()
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True),))
    loaded = time.time()
    doc.calculateAll()
    calculated = time.time()
    doc.close(True)
    print(json.dumps({"load": round(loaded - started, 2), "recalc": round(calculated - loaded, 2)}))
finally:
    office.terminate()
    office.wait()
