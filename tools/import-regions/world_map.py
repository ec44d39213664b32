#!/usr/bin/env python3
"""Writes src/SscPortal.Web/Catalogue/world-map.json: country outlines for the portal's map, from the `@svg-maps/world`
npm package (CC BY 4.0, https://github.com/VictorCazanave/svg-maps). The outlines are made absolute, rounded to whole
units and stripped of points that round onto the previous one, so the map stays light enough to serve in a page.

    cd /tmp && npm pack @svg-maps/world && tar xzf svg-maps-world-*.tgz
    python3 tools/import-regions/world_map.py /tmp/package/index.js
"""
import json, re, sys, pathlib

source = open(sys.argv[1], encoding="utf-8").read()
data = json.loads(source[source.index("{"):].rstrip().rstrip(";"))

def simplify(path, step=1.0):
    out, x, y, start = [], 0.0, 0.0, None
    for command, body in re.findall(r"([mMzZ])([^mMzZ]*)", path):
        if command in "zZ":
            out.append("Z"); 
            if start: x, y = start
            continue
        numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+(?:e-?\d+)?", body)]
        points = list(zip(numbers[0::2], numbers[1::2]))
        ring, last = [], None
        for i, (dx, dy) in enumerate(points):
            x, y = (x + dx, y + dy) if command == "m" else (dx, dy)
            if i == 0: start = (x, y)
            p = (round(x / step) * step, round(y / step) * step)
            if p != last: ring.append(p); last = p
        fmt = lambda v: ("%.2f" % v).rstrip("0").rstrip(".")
        if len(ring) >= 3 or (ring and not out):
            out.append("M" + " ".join(f"{fmt(px)},{fmt(py)}" for px, py in ring))
    return "".join(out)

countries = [{"code": l["id"].upper(), "name": l["name"], "path": simplify(l["path"])} for l in data["locations"]]
target = pathlib.Path(__file__).resolve().parents[2] / "src/SscPortal.Web/Catalogue/world-map.json"
target.write_text(json.dumps({"viewBox": data["viewBox"], "countries": countries}, separators=(",", ":")), encoding="utf-8")
print(f"{len(countries)} countries, {target.stat().st_size} bytes -> {target}")
