#!/usr/bin/env python3
"""Makes the test photos with Pillow, as a phone or a scanner would: `make_photos.py PLAN.json DIR`.

PLAN is a list of files, each {"path", and optionally "width", "height" (upright, default 295x413),
"background" [r,g,b] (default white), "noise" (grey grain amplitude, default 12), "quality" (default 90),
"format" ("JPEG" default, "PNG", "WEBP", ...), "orientation" (EXIF 1-8: the pixels are stored turned
so that a viewer applying it shows the upright picture), "truncate" (keep this share of the bytes),
"target_kb" (the lowest quality that keeps the file at least this big), "copy_of" (the same bytes as an
earlier path), "bytes" (a literal text file), "mtime" (seconds since epoch)}.
The picture: the background, a head and shoulders in dark clothes reaching the bottom edge, and a red
mark in the upright top-left corner (to tell orientation from the pixels; "mark": false leaves it out).
"""
import io
import json
import os
import random
import sys

from PIL import Image, ImageDraw

# Pillow's transpose that, once the EXIF orientation is applied, gives back the upright picture.
STORE = {
    2: [Image.Transpose.FLIP_LEFT_RIGHT],
    3: [Image.Transpose.ROTATE_180],
    4: [Image.Transpose.FLIP_TOP_BOTTOM],
    5: [Image.Transpose.TRANSPOSE],
    6: [Image.Transpose.ROTATE_90],
    7: [Image.Transpose.TRANSVERSE],
    8: [Image.Transpose.ROTATE_270],
}


def picture(spec, seed):
    w, h = spec.get("width", 295), spec.get("height", 413)
    bg = tuple(spec.get("background", [255, 255, 255]))
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    # Shoulders: a wide dark shape from 70% of the height to the bottom, reaching the lower sides.
    d.ellipse([-w * 0.1, h * 0.7, w * 1.1, h * 1.5], fill=(40, 45, 60))
    d.rectangle([w * 0.4, h * 0.55, w * 0.6, h * 0.75], fill=(225, 190, 160))
    d.ellipse([w * 0.3, h * 0.2, w * 0.7, h * 0.62], fill=(230, 195, 165))
    if spec.get("mark", True):
        d.rectangle([0, 0, max(1, w // 10), max(1, h // 10)], fill=(220, 20, 20))
    amp = spec.get("noise", 12)
    if amp:
        rnd = random.Random(seed)
        grain = Image.frombytes("L", (w, h), rnd.randbytes(w * h))
        img = Image.blend(img, Image.merge("RGB", (grain, grain, grain)), amp / 255.0)
    return img


def encode(spec, seed):
    img = picture(spec, seed)
    orientation = spec.get("orientation", 1)
    for t in STORE.get(orientation, []):
        img = img.transpose(t)
    out = io.BytesIO()
    fmt = spec.get("format", "JPEG")
    kwargs = {}
    if fmt == "JPEG":
        kwargs["quality"] = spec.get("quality", 90)
        if orientation != 1:
            exif = Image.Exif()
            exif[0x0112] = orientation
            kwargs["exif"] = exif.tobytes()
    img.save(out, fmt, **kwargs)
    return out.getvalue()


def main(plan_file, root):
    plan = json.load(open(plan_file, encoding="utf-8"))
    made = {}
    for n, spec in enumerate(plan):
        path = os.path.join(root, spec["path"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if "copy_of" in spec:
            data = made[spec["copy_of"]]
        elif "bytes" in spec:
            data = spec["bytes"].encode("utf-8")
        else:
            data = encode(spec, n)
            if "target_kb" in spec:
                # The lowest quality that still makes the file at least target_kb (the grain fixed).
                for q in range(98, 20, -2):
                    candidate = encode(dict(spec, quality=q), n)
                    if len(candidate) < spec["target_kb"] * 1024:
                        break
                    data = candidate
        if "truncate" in spec:
            data = data[: int(len(data) * spec["truncate"])]
        made[spec["path"]] = data
        with open(path, "wb") as f:
            f.write(data)
        if "mtime" in spec:
            os.utime(path, (spec["mtime"], spec["mtime"]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
