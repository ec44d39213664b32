#!/usr/bin/env python3
"""Writes bench/cold-questions.txt: the fixed set of cold questions bench/cold.sh asks (see bench/README.md, "Cold questions").

    python3 bench/cold-questions.py > bench/cold-questions.txt

The list is generated once, from a fixed seed, and kept in the repository, so that every run and every database size asks
exactly the same questions; rerunning this script with the same seed writes the same file. Words come from what
`seed-synthetic` writes (Commands/SeedSyntheticCommand.cs): the themes of the titles (in English in every title), the
summaries' words in Spanish, English, Portuguese and French, the country names in the four languages (the search body holds
all four), the organisations' names (Agency, University, Network...), plus realistic words the synthetic data does not hold
(agua, santé, vaccines...: they find nothing and take the typo fallback, as a real reader's would), typos made from the
data's words, "quoted phrases" and -exclusions. Facet values are those InitiativeFilter.Read and the API accept
(Search/InitiativeFilter.cs, OpenData/OpenDataEndpoints.cs), most of them values the data holds.

Each line: kind <TAB> tag <TAB> language <TAB> path-and-query. Kinds: search (the catalogue with a search and 0-3 facets),
browse (the catalogue with facets and no search), stats (/stats with filters), api (/api/v1/initiatives with filters),
csv (/export/initiatives.csv with filters: time to first byte). The language is sent as Accept-Language.
"""
import random
import sys
from urllib.parse import quote, urlencode

SEED = 20261203
rng = random.Random(SEED)

# --- Vocabulary drawn from the synthetic data -------------------------------------------------------------------------
THEMES = ["family farming", "seed banks", "urban waste", "water management", "early warning", "school meals",
          "human milk banks", "vocational training", "public procurement", "peace building", "community health",
          "solar energy", "fisheries", "coffee cooperatives", "climate resilience", "open data", "social protection",
          "indigenous land rights", "tax administration", "tourism"]
THEME_WORDS = sorted({w for t in THEMES for w in t.split()})

# Countries in the order seed-synthetic skews them (first = most frequent): name in en, es, pt, fr.
PROVIDERS = {
    "BR": ("Brazil", "Brasil", "Brasil", "Brésil"), "MX": ("Mexico", "México", "México", "Mexique"),
    "CO": ("Colombia", "Colombia", "Colômbia", "Colombie"), "CL": ("Chile", "Chile", "Chile", "Chili"),
    "AR": ("Argentina", "Argentina", "Argentina", "Argentine"), "CU": ("Cuba", "Cuba", "Cuba", "Cuba"),
    "PE": ("Peru", "Perú", "Peru", "Pérou"), "IN": ("India", "India", "Índia", "Inde"), "CN": ("China", "China", "China", "Chine"),
    "ZA": ("South Africa", "Sudáfrica", "África do Sul", "Afrique du Sud"), "TR": ("Türkiye", "Turquía", "Turquia", "Turquie"),
    "ID": ("Indonesia", "Indonesia", "Indonésia", "Indonésie"), "TH": ("Thailand", "Tailandia", "Tailândia", "Thaïlande"),
    "EG": ("Egypt", "Egipto", "Egito", "Égypte"), "KE": ("Kenya", "Kenia", "Quénia", "Kenya"),
    "MA": ("Morocco", "Marruecos", "Marrocos", "Maroc"), "EC": ("Ecuador", "Ecuador", "Equador", "Équateur"),
    "UY": ("Uruguay", "Uruguay", "Uruguai", "Uruguay"), "SG": ("Singapore", "Singapur", "Singapura", "Singapour"),
    "MY": ("Malaysia", "Malasia", "Malásia", "Malaisie"), "NG": ("Nigeria", "Nigeria", "Nigéria", "Nigéria"),
    "GH": ("Ghana", "Ghana", "Gana", "Ghana"), "RW": ("Rwanda", "Ruanda", "Ruanda", "Rwanda"),
    "CR": ("Costa Rica", "Costa Rica", "Costa Rica", "Costa Rica"), "PA": ("Panama", "Panamá", "Panamá", "Panama"),
    "KR": ("Korea", "Corea", "Coreia do Sul", "Corée du Sud"), "VN": ("Viet Nam", "Vietnam", "Vietname", "Vietnam"),
    "PH": ("Philippines", "Filipinas", "Filipinas", "Philippines"),
}
RECIPIENTS = {
    "PY": ("Paraguay", "Paraguay", "Paraguai", "Paraguay"), "BO": ("Bolivia", "Bolivia", "Bolívia", "Bolivie"),
    "HN": ("Honduras",) * 4, "GT": ("Guatemala",) * 4, "SV": ("El Salvador",) * 4,
    "NI": ("Nicaragua", "Nicaragua", "Nicarágua", "Nicaragua"), "HT": ("Haiti", "Haití", "Haiti", "Haïti"),
    "DO": ("Dominican Republic", "República Dominicana", "República Dominicana", "République Dominicaine"),
    "MZ": ("Mozambique", "Mozambique", "Moçambique", "Mozambique"), "AO": ("Angola",) * 4, "TL": ("Timor-Leste",) * 4,
    "LA": ("Lao", "Lao", "Laos", "Laos"), "KH": ("Cambodia", "Camboya", "Camboja", "Cambodge"), "MM": ("Myanmar", "Myanmar", "Mianmar", "Myanmar"),
    "NP": ("Nepal", "Nepal", "Nepal", "Népal"), "BD": ("Bangladesh",) * 4, "ET": ("Ethiopia", "Etiopía", "Etiópia", "Éthiopie"),
    "TZ": ("Tanzania", "Tanzania", "Tanzânia", "Tanzanie"), "UG": ("Uganda", "Uganda", "Uganda", "Ouganda"),
    "SN": ("Senegal", "Senegal", "Senegal", "Sénégal"), "ML": ("Mali", "Malí", "Mali", "Mali"), "NE": ("Niger", "Níger", "Níger", "Niger"),
    "BF": ("Burkina Faso",) * 4, "CV": ("Cabo Verde", "Cabo Verde", "Cabo Verde", "Cap-Vert"),
    "ST": ("Sao Tome", "Santo Tomé", "São Tomé", "São Tomé"), "GW": ("Guinea-Bissau", "Guinea Bissau", "Guiné-Bissau", "Guinée-Bissau"),
    "FJ": ("Fiji", "Fiji", "Fiji", "Fidji"), "PG": ("Papua New Guinea", "Papua Nueva Guinea", "Papua-Nova Guiné", "Papouasie-Nouvelle-Guinée"),
    "SB": ("Solomon Islands", "Islas Salomón", "Ilhas Salomão", "Îles Salomon"), "VU": ("Vanuatu",) * 4, "TO": ("Tonga",) * 4, "WS": ("Samoa",) * 4,
}
SECOND_PROVIDERS = ["DE", "ES", "JP", "KR", "US", "FR", "IT", "CA", "NO", "SE", "GB", "AU", "NZ"]
LANGS = ["es", "en", "pt", "fr"]
LANG_WEIGHTS = [3, 3, 2, 1]  # as seed-synthetic picks the language of a record

# The summaries' own words, by language (SeedSyntheticCommand.Phrasing), and phrases from them.
SUMMARY_WORDS = {
    "en": ["cooperation", "experts", "experience", "institutions", "communities", "share", "public"],
    "es": ["cooperación", "especialistas", "experiencia", "instituciones", "comunidades", "comparten"],
    "pt": ["cooperação", "especialistas", "experiência", "instituições", "comunidades", "compartilham"],
    "fr": ["coopération", "experts", "expérience", "institutions", "communautés", "partagent"],
}
SUMMARY_PHRASES = {
    "en": ["share their experience", "public institutions and communities", "experts from"],
    "es": ["instituciones y comunidades", "comparten su experiencia", "especialistas de"],
    "pt": ["instituições e comunidades", "compartilham sua experiência", "especialistas de"],
    "fr": ["partagent leur expérience", "institutions et communautés", "des experts de"],
}
ORGANISATION_WORDS = ["agency", "university", "network", "foundation", "city", "regional programme"]
# Realistic searches the synthetic data does not hold: they match nothing and take the typo fallback.
ABSENT = {
    "en": ["vaccines", "biodiversity", "gender equality", "migration", "digital government", "malaria", "rice", "mangroves"],
    "es": ["agua potable", "salud", "educación", "vacunas", "género", "agricultura", "migración", "vivienda"],
    "pt": ["saúde", "água", "educação", "agricultura familiar", "merenda escolar", "bancos de leite"],
    "fr": ["santé", "eau potable", "éducation", "énergie solaire", "pêche", "sécurité alimentaire"],
}

# --- Facet values (InitiativeFilter.Read; the API accepts the same) ------------------------------------------------------
REGIONS = ["lac", "africa-subsaharan", "asia-east-southeast", "asia-south-central", "pacific", "africa-north", "asia-west", "europe", "north-america"]
MODALITIES = ["bilateral", "triangular", "regional", "decentralised", "peopletopeople"]
INSTRUMENTS = ["programme", "project", "action"]
STATUSES = ["implementation", "finalisation", "closed", "cancelled", "pipeline", "suspended"]
# DAC sector categories seed-synthetic uses (first) and a few valid ones it never uses.
CATEGORIES = ["311", "113", "122", "140", "151", "152", "410", "430", "160", "232", "250", "321", "740"]
CATEGORIES_UNUSED = ["111", "121", "130", "998", "720"]
ACTOR_TYPES = ["government", "nationalcso", "localgovernment", "otherpublicsector", "internationalcso", "regionalcso",
               "academia", "intergovernmental", "foundation", "privatesector"]
PRINCIPLES = ["national-sovereignty", "national-ownership", "equality", "non-conditionality", "non-interference", "mutual-benefit",
              "solidarity", "mutual-accountability", "horizontality", "demand-driven", "leave-no-one-behind", "human-rights"]
FACET_WEIGHTS = {"country": 20, "region": 12, "modality": 12, "instrument": 6, "status": 10, "category": 10, "sdg": 12,
                 "year": 10, "actortype": 6, "assessed": 3, "principle": 3}


def skewed(items):
    """An item skewed towards the start (as seed-synthetic's Zipf-like pick)."""
    import math
    n = len(items)
    return items[min(n - 1, int(math.exp(rng.random() * math.log(n + 1)) - 1))]


def lang():
    return rng.choices(LANGS, LANG_WEIGHTS)[0]


def name(code, language):
    names = PROVIDERS.get(code) or RECIPIENTS[code]
    return names[["en", "es", "pt", "fr"].index(language)]


def facet_value(facet, filters):
    if facet == "country":
        r = rng.random()
        code = skewed(list(PROVIDERS)) if r < 0.5 else skewed(list(RECIPIENTS)) if r < 0.9 else rng.choice(SECOND_PROVIDERS)
        if rng.random() < 0.25:
            filters["role"] = "provider" if code in PROVIDERS or code in SECOND_PROVIDERS else "recipient"
        return code
    if facet == "region":
        return skewed(REGIONS)
    if facet == "modality":
        return skewed(MODALITIES)
    if facet == "instrument":
        return rng.choice(INSTRUMENTS)
    if facet == "status":
        return skewed(STATUSES)
    if facet == "category":
        return rng.choice(CATEGORIES) if rng.random() < 0.85 else rng.choice(CATEGORIES_UNUSED)
    if facet == "sdg":
        return str(rng.randint(1, 17))
    if facet == "year":
        return str(rng.randint(2010, 2026) if rng.random() < 0.9 else rng.choice([2004, 2008, 2028]))
    if facet == "actortype":
        return skewed(ACTOR_TYPES)
    if facet == "assessed":
        return "yes"
    if facet == "principle":
        return rng.choice(PRINCIPLES)
    raise ValueError(facet)


def facets(low, high, weights=(35, 30, 20, 15)):
    """0 to 3 facets (as a reader adds them from the facet lists), in the order the catalogue's links write them."""
    count = rng.choices(range(low, high + 1), weights[low:high + 1])[0]
    names = list(FACET_WEIGHTS)
    chosen = []
    while len(chosen) < count:
        pick = rng.choices(names, [FACET_WEIGHTS[n] for n in names])[0]
        if pick not in chosen:
            chosen.append(pick)
    filters = {}
    for f in chosen:
        filters[f] = facet_value(f, filters)
    order = ["country", "role", "region", "modality", "instrument", "status", "category", "sdg", "actortype", "principle", "year", "assessed"]
    return [(k, filters[k]) for k in order if k in filters]


def typo(word):
    """One slip of the keyboard in a word of five letters or more: a letter dropped, doubled, swapped or replaced."""
    letters = list(word)
    i = rng.randrange(1, len(letters) - 1)
    kind = rng.choice(["drop", "double", "swap", "replace"])
    if kind == "drop":
        del letters[i]
    elif kind == "double":
        letters.insert(i, letters[i])
    elif kind == "swap":
        letters[i], letters[i + 1] = letters[i + 1], letters[i]
    else:
        near = {"a": "s", "e": "r", "i": "o", "o": "p", "u": "y", "n": "m", "r": "t", "t": "y", "s": "d", "c": "v", "m": "n", "l": "k"}
        letters[i] = near.get(letters[i].lower(), "e")
    result = "".join(letters)
    return result if result.lower() != word.lower() else word[:-1]


def any_word(language):
    """A word a reader of this language might type: a theme word, a country name, or a word of the summaries."""
    r = rng.random()
    if r < 0.4:
        return rng.choice(THEME_WORDS)
    if r < 0.75:
        return name(skewed(list(PROVIDERS)) if rng.random() < 0.5 else skewed(list(RECIPIENTS)), language)
    return rng.choice(SUMMARY_WORDS[language])


def distinct_words(language, count):
    words = []
    while len(words) < count:
        word = any_word(language)
        if word.lower() not in (w.lower() for w in words):
            words.append(word)
    return words


def search_text(tag, language):
    if tag == "word-broad":
        return rng.choice(SUMMARY_WORDS[language][:3] + [name(c, language) for c in list(PROVIDERS)[:4] + list(RECIPIENTS)[:3]]
                          + ["agency", "network", "university"])
    if tag == "word-rare":
        return rng.choice([name(c, language) for c in list(PROVIDERS)[-8:] + list(RECIPIENTS)[-10:]]
                          + ["milk", "coffee", "procurement", "indigenous", "warning", "meals", "tourism", "fisheries", "resilience"])
    if tag == "two-words":
        r = rng.random()
        if r < 0.35:
            return f"{rng.choice(THEMES).split()[-1]} {name(skewed(list(PROVIDERS)), language)}"
        if r < 0.55:
            theme = rng.choice(THEMES)
            return theme if len(theme.split()) == 2 else f"{theme.split()[0]} {rng.choice(THEME_WORDS)}"
        if r < 0.75:
            return f"{name(skewed(list(PROVIDERS)), language)} {name(skewed(list(RECIPIENTS)), language)}"
        return " ".join(distinct_words(language, 2))
    if tag == "three-words":
        r = rng.random()
        if r < 0.4:
            return f"{rng.choice(SUMMARY_WORDS[language][:1])} {name(skewed(list(PROVIDERS)), language)} {rng.choice(THEMES).split()[-1]}"
        if r < 0.6:
            return rng.choice([t for t in THEMES if len(t.split()) == 3] + [f"{t} {name(skewed(list(RECIPIENTS)), language)}" for t in THEMES if len(t.split()) == 2])
        return " ".join(distinct_words(language, 3))
    if tag == "phrase":
        r = rng.random()
        if r < 0.5:
            return f'"{rng.choice(THEMES)}"'
        if r < 0.75:
            return f'"{rng.choice(SUMMARY_PHRASES[language])}"'
        if r < 0.9:
            return f'"{rng.choice(THEMES)}" {name(skewed(list(PROVIDERS)), language)}'
        return f'"{name(skewed(list(PROVIDERS)), "en")} {name(skewed(list(RECIPIENTS)), "en")}"'
    if tag == "exclusion":
        r = rng.random()
        if r < 0.4:
            return f"{rng.choice(THEMES).split()[-1]} -{name(skewed(list(PROVIDERS)), language)}"
        if r < 0.7:
            return f"{rng.choice(SUMMARY_WORDS[language][:1])} -{rng.choice(THEME_WORDS)}"
        if r < 0.85:
            return f"{name(skewed(list(PROVIDERS)), language)} -{rng.choice(THEME_WORDS)} -{rng.choice(THEME_WORDS)}"
        return f'"{rng.choice(THEMES)}" -{name(skewed(list(RECIPIENTS)), language)}'
    if tag == "typo":
        r = rng.random()
        words = [w for w in THEME_WORDS if len(w) >= 5] + [name(c, language) for c in list(PROVIDERS)[:12] + list(RECIPIENTS)[:12] if len(name(c, language)) >= 5]
        if r < 0.5:
            return typo(rng.choice(words))
        if r < 0.8:
            theme = rng.choice([t for t in THEMES if len(t.split()) == 2])
            a, b = theme.split()
            return f"{a} {typo(b)}" if len(b) >= 5 and rng.random() < 0.5 else f"{typo(a) if len(a) >= 5 else a} {b}"
        return f"{rng.choice(SUMMARY_WORDS[language][:1])} {typo(rng.choice(words))}"
    if tag == "absent":
        return rng.choice(ABSENT[language])
    if tag == "title":
        # A title as seed-synthetic writes it, without its number (someone pasting a title they saw elsewhere).
        p, r_, t = name(skewed(list(PROVIDERS)), "en"), name(skewed(list(RECIPIENTS)), "en"), rng.choice(THEMES)
        return {"en": f"{p}–{r_} cooperation on {t}", "es": f"Cooperación {p}–{r_} en {t}",
                "pt": f"Cooperação {p}–{r_} em {t}", "fr": f"Coopération {p}–{r_} sur {t}"}[language]
    raise ValueError(tag)


def facet_count(filters):
    return sum(1 for k, _ in filters if k != "role")


def path(base, params):
    return base + ("?" + urlencode(params, quote_via=quote) if params else "")


SEARCH_MIX = [("word-broad", 25), ("word-rare", 20), ("two-words", 40), ("three-words", 30), ("phrase", 35),
              ("exclusion", 30), ("typo", 35), ("absent", 20), ("title", 5)]
questions = []
seen = set()


def add(kind, tag, language, p):
    if p in seen:
        return False
    seen.add(p)
    questions.append((kind, tag, language, p))
    return True


for tag, count in SEARCH_MIX:
    made = 0
    while made < count:
        language = lang()
        made += add("search", tag, language, path("/initiatives", [("q", search_text(tag, language))] + facets(0, 3)))
made = 0
while made < 25:
    f = facets(1, 3)
    made += add("browse", f"{facet_count(f)}-facets", lang(), path("/initiatives", f))
made = 0
while made < 60:
    language = lang()
    if made < 45:
        f = facets(1, 3)
        made += add("stats", f"{facet_count(f)}-facets", language, path("/stats", f))
    else:
        tag = rng.choice(["word-broad", "two-words", "phrase", "exclusion", "typo"])
        made += add("stats", f"q-{tag}", language, path("/stats", [("q", search_text(tag, language))] + facets(0, 2)))
made = 0
while made < 110:
    language = lang()
    limit = [("limit", rng.choice(["50", "100"]))] if rng.random() < 0.3 else []
    if made < 50:
        f = facets(1, 3)
        made += add("api", f"{facet_count(f)}-facets", "-", path("/api/v1/initiatives", f + limit))
    else:
        tag = rng.choice(["word-broad", "word-rare", "two-words", "phrase", "exclusion", "typo", "absent"])
        made += add("api", f"q-{tag}", "-", path("/api/v1/initiatives", [("q", search_text(tag, language))] + facets(0, 2) + limit))
made = 0
while made < 40:
    language = lang()
    if made < 30:
        f = facets(1, 3)
        made += add("csv", f"{facet_count(f)}-facets", "-", path("/export/initiatives.csv", f))
    else:
        tag = rng.choice(["word-broad", "two-words", "phrase", "exclusion"])
        made += add("csv", f"q-{tag}", "-", path("/export/initiatives.csv", [("q", search_text(tag, language))] + facets(0, 2)))

# Kinds interleaved, so that a change in the machine's load during a run touches every kind alike.
rng.shuffle(questions)
out = sys.stdout
out.write(f"# Cold questions for bench/cold.sh, written by bench/cold-questions.py (seed {SEED}); kind, tag, language, path.\n")
for q in questions:
    out.write("\t".join(q) + "\n")
