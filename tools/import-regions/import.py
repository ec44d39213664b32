#!/usr/bin/env python3
"""Writes src/SscPortal.Web/Data/Seed/CodeLists/regions.json: the portal's world regions, named in its four languages,
and the countries in each, from the `world-countries` npm package (ODbL 1.0, https://github.com/mledoze/countries).

    cd /tmp && npm pack world-countries && tar xzf world-countries-*.tgz
    python3 tools/import-regions/import.py /tmp/package/countries.json

The regions group UN subregions the way South-South cooperation reports do (Latin America and the Caribbean as one,
Mexico with it; North Africa apart from Sub-Saharan Africa).
"""
import json, sys, pathlib

NAMES = {
    "africa-north": ("North Africa", "África del Norte", "África do Norte", "Afrique du Nord"),
    "africa-subsaharan": ("Sub-Saharan Africa", "África subsahariana", "África Subsaariana", "Afrique subsaharienne"),
    "lac": ("Latin America and the Caribbean", "América Latina y el Caribe", "América Latina e Caribe", "Amérique latine et Caraïbes"),
    "north-america": ("North America", "América del Norte", "América do Norte", "Amérique du Nord"),
    "asia-west": ("West Asia and the Middle East", "Asia Occidental y Oriente Medio", "Ásia Ocidental e Oriente Médio", "Asie occidentale et Moyen-Orient"),
    "asia-south-central": ("South and Central Asia", "Asia Meridional y Central", "Ásia Meridional e Central", "Asie du Sud et centrale"),
    "asia-east-southeast": ("East and South-East Asia", "Asia Oriental y Sudoriental", "Ásia Oriental e Sudeste Asiático", "Asie de l'Est et du Sud-Est"),
    "pacific": ("Pacific", "Pacífico", "Pacífico", "Pacifique"),
    "europe": ("Europe", "Europa", "Europa", "Europe"),
}

def region(country):
    r, s, code = country["region"], country["subregion"], country["cca2"]
    if code == "MX": return "lac"
    if r == "Africa": return "africa-north" if s == "Northern Africa" else "africa-subsaharan"
    if r == "Americas": return "north-america" if s == "North America" else "lac"
    if r == "Asia": return {"Western Asia": "asia-west", "Central Asia": "asia-south-central", "Southern Asia": "asia-south-central"}.get(s, "asia-east-southeast")
    if r == "Oceania": return "pacific"
    if r == "Europe": return "europe"
    return None

countries = json.load(open(sys.argv[1], encoding="utf-8"))
regions = [{"code": code, "en": en, "es": es, "pt": pt, "fr": fr,
            "countries": sorted(c["cca2"] for c in countries if region(c) == code)}
           for code, (en, es, pt, fr) in NAMES.items()]
target = pathlib.Path(__file__).resolve().parents[2] / "src/SscPortal.Web/Data/Seed/CodeLists/regions.json"
target.write_text(json.dumps(regions, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"{sum(len(r['countries']) for r in regions)} countries in {len(regions)} regions -> {target}")
