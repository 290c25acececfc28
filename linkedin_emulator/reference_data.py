"""Standardized data tables (functions, seniorities, geo), locale resolution and the facet value pools."""
from __future__ import annotations

from dataclasses import dataclass

from .industry_taxonomy import INDUSTRIES, INDUSTRY_IDS, LOCALES, Industry

DEFAULT_LOCALE = "en_US"
# DEFAULT is the latest version. The emulator serves one V2 tree for every V2_x version (LinkedIn does not
# publish what changed between them); V1_0 is that tree cut to the V1 id range (<= 148), flat (no hierarchy).
TAXONOMY_VERSIONS = ("V1_0", "V2_5", "V2_6", "V2_7", "DEFAULT")
V1_MAX_ID = 148


@dataclass(frozen=True)
class Named:
    """A function, seniority or geo entry: id and one name per supported locale."""

    id: int
    names: dict[str, str]


def _named(rows: str) -> dict[int, Named]:
    """`id|en_US|de_DE|fr_FR` lines -> table."""
    out: dict[int, Named] = {}
    for line in rows.strip().splitlines():
        sid, en, de, fr = line.split("|")
        out[int(sid)] = Named(int(sid), {"en_US": en, "de_DE": de, "fr_FR": fr})
    return out


# LinkedIn's job functions (urn:li:function:1..26) and seniorities (urn:li:seniority:1..10); English names are
# LinkedIn's, German and French ones the emulator's (LinkedIn's own UI keeps "Marketing" in all three).
FUNCTIONS = _named("""
1|Accounting|Rechnungswesen|Comptabilité
2|Administrative|Verwaltung|Administration
3|Arts and Design|Kunst und Design|Arts et design
4|Business Development|Geschäftsentwicklung|Développement commercial
5|Community and Social Services|Gemeinwesen und soziale Dienste|Services sociaux et communautaires
6|Consulting|Beratung|Conseil
7|Education|Bildung|Enseignement
8|Engineering|Ingenieurwesen|Ingénierie
9|Entrepreneurship|Unternehmertum|Entrepreneuriat
10|Finance|Finanzen|Finance
11|Healthcare Services|Gesundheitswesen|Services de santé
12|Human Resources|Personalwesen|Ressources humaines
13|Information Technology|Informationstechnologie|Technologies de l'information
14|Legal|Recht|Juridique
15|Marketing|Marketing|Marketing
16|Media and Communication|Medien und Kommunikation|Médias et communication
17|Military and Protective Services|Militär und Schutzdienste|Services militaires et de protection
18|Operations|Betrieb|Opérations
19|Product Management|Produktmanagement|Gestion de produits
20|Program and Project Management|Programm- und Projektmanagement|Gestion de programmes et de projets
21|Purchasing|Einkauf|Achats
22|Quality Assurance|Qualitätssicherung|Assurance qualité
23|Real Estate|Immobilien|Immobilier
24|Research|Forschung|Recherche
25|Sales|Vertrieb|Ventes
26|Support|Kundensupport|Assistance
""")

SENIORITIES = _named("""
1|Unpaid|Unbezahlt|Non rémunéré
2|Training|Ausbildung|Formation
3|Entry|Berufseinstieg|Débutant
4|Senior|Erfahren|Confirmé
5|Manager|Manager|Responsable
6|Director|Direktor|Directeur
7|VP|Vizepräsident|Vice-président
8|CXO|Geschäftsleitung|Direction générale
9|Partner|Partner|Associé
10|Owner|Inhaber|Propriétaire
""")

# Countries with LinkedIn's geo ids (as seen in LinkedIn URLs and facet answers): `id|ISO|en_US|de_DE|fr_FR`.
_COUNTRY_ROWS = """
103644278|US|United States|Vereinigte Staaten|États-Unis
101165590|GB|United Kingdom|Vereinigtes Königreich|Royaume-Uni
101282230|DE|Germany|Deutschland|Allemagne
105015875|FR|France|Frankreich|France
102713980|IN|India|Indien|Inde
101174742|CA|Canada|Kanada|Canada
101452733|AU|Australia|Australien|Australie
102890719|NL|Netherlands|Niederlande|Pays-Bas
102454443|SG|Singapore|Singapur|Singapour
104305776|AE|United Arab Emirates|Vereinigte Arabische Emirate|Émirats arabes unis
106057199|BR|Brazil|Brasilien|Brésil
105646813|ES|Spain|Spanien|Espagne
103350119|IT|Italy|Italien|Italie
105117694|SE|Sweden|Schweden|Suède
103819153|NO|Norway|Norwegen|Norvège
104514075|DK|Denmark|Dänemark|Danemark
100456013|FI|Finland|Finnland|Finlande
106693272|CH|Switzerland|Schweiz|Suisse
105072130|PL|Poland|Polen|Pologne
100364837|PT|Portugal|Portugal|Portugal
104738515|IE|Ireland|Irland|Irlande
103883259|AT|Austria|Österreich|Autriche
101620260|IL|Israel|Israel|Israël
100565514|BE|Belgium|Belgien|Belgique
106670623|RO|Romania|Rumänien|Roumanie
103323778|MX|Mexico|Mexiko|Mexique
100446943|AR|Argentina|Argentinien|Argentine
104621616|CL|Chile|Chile|Chili
100876405|CO|Colombia|Kolumbien|Colombie
106155005|EG|Egypt|Ägypten|Égypte
101355337|JP|Japan|Japan|Japon
102890883|CN|China|China|Chine
105149562|KR|South Korea|Südkorea|Corée du Sud
104508036|CZ|Czechia|Tschechien|Tchéquie
100288700|HU|Hungary|Ungarn|Hongrie
102264497|UA|Ukraine|Ukraine|Ukraine
102105699|TR|Türkiye|Türkei|Turquie
104035573|ZA|South Africa|Südafrika|Afrique du Sud
100459316|SA|Saudi Arabia|Saudi-Arabien|Arabie saoudite
105490917|NZ|New Zealand|Neuseeland|Nouvelle-Zélande
102478259|ID|Indonesia|Indonesien|Indonésie
106808692|MY|Malaysia|Malaysia|Malaisie
103121230|PH|Philippines|Philippinen|Philippines
105146118|TH|Thailand|Thailand|Thaïlande
104195383|VN|Vietnam|Vietnam|Viêt Nam
101022442|PK|Pakistan|Pakistan|Pakistan
106215326|BD|Bangladesh|Bangladesch|Bangladesh
105365761|NG|Nigeria|Nigeria|Nigéria
102927786|PE|Peru|Peru|Pérou
104677530|GR|Greece|Griechenland|Grèce
104187078|TW|Taiwan|Taiwan|Taïwan
103291313|HK|Hong Kong SAR|Sonderverwaltungszone Hongkong|Hong Kong RAS
100710459|KE|Kenya|Kenia|Kenya
102787409|MA|Morocco|Marokko|Maroc
104170880|QA|Qatar|Katar|Qatar
104042105|LU|Luxembourg|Luxemburg|Luxembourg
104688944|HR|Croatia|Kroatien|Croatie
105333783|BG|Bulgaria|Bulgarien|Bulgarie
101855366|RS|Serbia|Serbien|Serbie
103119917|SK|Slovakia|Slowakei|Slovaquie
106137034|SI|Slovenia|Slowenien|Slovénie
102974008|EE|Estonia|Estland|Estonie
104341318|LV|Latvia|Lettland|Lettonie
101464403|LT|Lithuania|Litauen|Lituanie
105238872|IS|Iceland|Island|Islande
102134353|TN|Tunisia|Tunesien|Tunisie
105769538|GH|Ghana|Ghana|Ghana
100446352|LK|Sri Lanka|Sri Lanka|Sri Lanka
106373116|EC|Ecuador|Ecuador|Équateur
100867946|UY|Uruguay|Uruguay|Uruguay
101739942|CR|Costa Rica|Costa Rica|Costa Rica
106049128|KZ|Kazakhstan|Kasachstan|Kazakhstan
103239229|KW|Kuwait|Kuwait|Koweït
103619019|OM|Oman|Oman|Oman
106774002|CY|Cyprus|Zypern|Chypre
100961908|MT|Malta|Malta|Malte
"""

# Regions, metropolitan areas and cities. Ids and English names as they appear in LinkedIn facet answers and
# URLs; German and French names are the emulator's. `id|en_US|de_DE|fr_FR`.
_PLACE_ROWS = """
90000084|San Francisco Bay Area|San Francisco Bay Area, Vereinigte Staaten|Baie de San Francisco, États-Unis
90000070|New York City Metropolitan Area|Metropolregion New York City|Métropole de New York
90000007|Los Angeles Metropolitan Area|Metropolregion Los Angeles|Métropole de Los Angeles
90000049|Greater Boston|Großraum Boston|Grand Boston
90000031|Dallas-Fort Worth Metroplex|Metropolregion Dallas-Fort Worth|Métroplexe de Dallas-Fort Worth
90000097|Washington DC-Baltimore Area|Region Washington DC-Baltimore|Région de Washington DC-Baltimore
90009659|Greater Chicago Area|Großraum Chicago|Région de Chicago
90010388|Greater Seattle Area|Großraum Seattle|Région de Seattle
90000052|Atlanta Metropolitan Area|Metropolregion Atlanta|Métropole d'Atlanta
102095887|California, United States|Kalifornien, Vereinigte Staaten|Californie, États-Unis
102748797|Texas, United States|Texas, Vereinigte Staaten|Texas, États-Unis
105080838|New York, United States|New York, Vereinigte Staaten|New York, États-Unis
90009551|Greater Toronto Area, Canada|Großraum Toronto, Kanada|Région du Grand Toronto, Canada
100025096|Toronto, Ontario, Canada|Toronto, Ontario, Kanada|Toronto, Ontario, Canada
90009524|Greater Sydney Area, Australia|Großraum Sydney, Australien|Région de Sydney, Australie
90009521|Greater Melbourne Area, Australia|Großraum Melbourne, Australien|Région de Melbourne, Australie
90009496|London Area, United Kingdom|Großraum London, Vereinigtes Königreich|Région de Londres, Royaume-Uni
102299470|England, United Kingdom|England, Vereinigtes Königreich|Angleterre, Royaume-Uni
90009824|Greater Dublin, Ireland|Großraum Dublin, Irland|Grand Dublin, Irlande
90009706|The Randstad, Netherlands|Randstad, Niederlande|Randstad, Pays-Bas
102011674|Amsterdam, North Holland, Netherlands|Amsterdam, N.-Holland, Niederlande|Amsterdam, Hollande-du-N., Pays-Bas
90009712|Berlin Metropolitan Area, Germany|Metropolregion Berlin, Deutschland|Métropole de Berlin, Allemagne
103035651|Berlin, Berlin, Germany|Berlin, Berlin, Deutschland|Berlin, Berlin, Allemagne
109045472|Greater Munich Metropolitan Area, Germany|Metropolregion München, Deutschland|Métropole de Munich, Allemagne
101339379|Greater Paris Metropolitan Region, France|Metropolregion Paris, Frankreich|Métropole de Paris, France
90009936|Greater Milan Metropolitan Area, Italy|Metropolregion Mailand, Italien|Métropole de Milan, Italie
90009987|Greater Tokyo Area, Japan|Großraum Tokio, Japan|Région de Tokyo, Japon
90010101|Jakarta Metropolitan Area, Indonesia|Metropolregion Jakarta, Indonesien|Métropole de Jakarta, Indonésie
90010076|Metro Manila, Philippines|Metro Manila, Philippinen|Grand Manille, Philippines
90010187|Ho Chi Minh City Metropolitan Area, Vietnam|Großraum Saigon, Vietnam|Métropole de Saïgon, Viêt Nam
90010064|Greater Kuala Lumpur, Malaysia|Großraum Kuala Lumpur, Malaysia|Grand Kuala Lumpur, Malaisie
105304484|Greater São Paulo Area, Brazil|Großraum São Paulo, Brasilien|Région de São Paulo, Brésil
100358611|Minas Gerais, Brazil|Minas Gerais, Brasilien|Minas Gerais, Brésil
105765243|Riyadh Region, Saudi Arabia|Region Riad, Saudi-Arabien|Région de Riyad, Arabie saoudite
90000014|Nairobi County, Kenya|County Nairobi, Kenia|Comté de Nairobi, Kenya
100205264|Dubai, United Arab Emirates|Dubai, Vereinigte Arabische Emirate|Dubaï, Émirats arabes unis
106203786|Doha, Qatar|Doha, Katar|Doha, Qatar
102007122|Cairo, Egypt|Kairo, Ägypten|Le Caire, Égypte
90009639|Mumbai Metropolitan Region, India|Metropolregion Mumbai, Indien|Métropole de Mumbai, Inde
90009626|Greater Delhi Area, India|Großraum Delhi, Indien|Région de Delhi, Inde
90009633|Greater Bengaluru Area, India|Großraum Bengaluru, Indien|Région de Bangalore, Inde
105214831|Bengaluru, Karnataka, India|Bengaluru, Karnataka, Indien|Bangalore, Karnataka, Inde
90009650|Greater Hyderabad Area, India|Großraum Hyderabad, Indien|Région d'Hyderabad, Inde
90009642|Pune/Pimpri-Chinchwad Area, India|Region Pune/Pimpri-Chinchwad, Indien|Région de Pune/Pimpri-Chinchwad, Inde
90009654|Greater Kolkata Area, India|Großraum Kalkutta, Indien|Région de Calcutta, Inde
90009627|Greater Ahmedabad Area, India|Großraum Ahmedabad, Indien|Région d'Ahmedabad, Inde
90009628|Greater Rajkot Area, India|Großraum Rajkot, Indien|Région de Rajkot, Inde
90009640|Greater Nagpur Area, India|Großraum Nagpur, Indien|Région de Nagpur, Inde
90009644|Greater Jaipur Area, India|Großraum Jaipur, Indien|Région de Jaipur, Inde
90009636|Greater Indore Area, India|Großraum Indore, Indien|Région d'Indore, Inde
90009653|Greater Lucknow Area, India|Großraum Lucknow, Indien|Région de Lucknow, Inde
90009634|Greater Bhopal Area, India|Großraum Bhopal, Indien|Région de Bhopal, Inde
90009629|Greater Surat Area, India|Großraum Surat, Indien|Région de Surat, Inde
90009641|Greater Nashik Area, India|Großraum Nashik, Indien|Région de Nashik, Inde
90009630|Greater Vadodara Area, India|Großraum Vadodara, Indien|Région de Vadodara, Inde
90009648|Greater Coimbatore Area, India|Großraum Coimbatore, Indien|Région de Coimbatore, Inde
90009625|Greater Raipur Area, India|Großraum Raipur, Indien|Région de Raipur, Inde
90009624|Greater Patna Area, India|Großraum Patna, Indien|Région de Patna, Inde
90009645|Greater Jodhpur Area, India|Großraum Jodhpur, Indien|Région de Jodhpur, Inde
90009637|Greater Jabalpur Area, India|Großraum Jabalpur, Indien|Région de Jabalpur, Inde
90009638|Greater Aurangabad Area, India|Großraum Aurangabad, Indien|Région d'Aurangabad, Inde
90009651|Greater Agra Area, India|Großraum Agra, Indien|Région d'Agra, Inde
110308773|Pune, India|Pune, Indien|Pune, Inde
112154036|Bhubaneswar, India|Bhubaneswar, Indien|Bhubaneswar, Inde
100839447|Faridabad, India|Faridabad, Indien|Faridabad, Inde
114348433|Kanpur, India|Kanpur, Indien|Kanpur, Inde
100100512|Kochi, India|Kochi, Indien|Cochin, Inde
104261992|Udaipur, India|Udaipur, Indien|Udaipur, Inde
105607401|Guwahati, India|Guwahati, Indien|Guwahati, Inde
100139308|Chandigarh, India|Chandigarh, Indien|Chandigarh, Inde
102779754|Jamshedpur, India|Jamshedpur, Indien|Jamshedpur, Inde
107714860|Dehradun, India|Dehradun, Indien|Dehradun, Inde
103742390|Trivandrum, India|Thiruvananthapuram, Indien|Trivandrum, Inde
114181430|Mangaluru, India|Mangaluru, Indien|Mangalore, Inde
100988765|Kozhikode, India|Kozhikode, Indien|Calicut, Inde
"""

# More places with ids assigned by the emulator (plausible, not LinkedIn's): `city|region|ISO|de city|fr city`,
# named "City, Region, Country" like LinkedIn's city entries ("-" = no region; a blank de/fr city = English).
_EMULATOR_PLACE_ROWS = """
Hamburg|-|DE||Hambourg
Frankfurt am Main|Hesse|DE||Francfort-sur-le-Main
Cologne|North Rhine-Westphalia|DE|Köln|
Stuttgart|Baden-Württemberg|DE||
Düsseldorf|North Rhine-Westphalia|DE||
Leipzig|Saxony|DE||
Munich|Bavaria|DE|München|
Bavaria|-|DE|Bayern|Bavière
North Rhine-Westphalia|-|DE|Nordrhein-Westfalen|Rhénanie-du-Nord-Westphalie
Lyon|Auvergne-Rhône-Alpes|FR||
Marseille|Provence-Alpes-Côte d'Azur|FR||
Toulouse|Occitanie|FR||
Bordeaux|Nouvelle-Aquitaine|FR||
Lille|Hauts-de-France|FR||
Nantes|Pays de la Loire|FR||
Île-de-France|-|FR||
Manchester|England|GB||
Birmingham|England|GB||
Edinburgh|Scotland|GB||Édimbourg
Glasgow|Scotland|GB||
Bristol|England|GB||
Cambridge|England|GB||
Scotland|-|GB|Schottland|Écosse
Wales|-|GB||Pays de Galles
Austin|Texas|US||
Denver|Colorado|US||
Miami|Florida|US||
Houston|Texas|US||
Philadelphia|Pennsylvania|US||Philadelphie
San Diego|California|US||
Portland|Oregon|US||
Minneapolis|Minnesota|US||
Florida|-|US||Floride
Massachusetts|-|US||
Madrid|Community of Madrid|ES||
Barcelona|Catalonia|ES||Barcelone
Valencia|Valencian Community|ES||Valence
Seville|Andalusia|ES|Sevilla|Séville
Rome|Lazio|IT|Rom|
Turin|Piedmont|IT||
Naples|Campania|IT|Neapel|
Rotterdam|South Holland|NL||
Utrecht|Utrecht|NL||
Eindhoven|North Brabant|NL||
Zurich|-|CH|Zürich|
Geneva|-|CH|Genf|Genève
Basel|-|CH||Bâle
Vienna|-|AT|Wien|Vienne
Warsaw|Masovian|PL|Warschau|Varsovie
Kraków|Lesser Poland|PL|Krakau|Cracovie
Stockholm|Stockholm County|SE||
Copenhagen|Capital Region of Denmark|DK|Kopenhagen|Copenhague
Oslo|-|NO||
Helsinki|Uusimaa|FI||
Brussels|Brussels Region|BE|Brüssel|Bruxelles
Antwerp|Flemish Region|BE|Antwerpen|Anvers
Lisbon|-|PT|Lissabon|Lisbonne
Porto|-|PT||
Vancouver|British Columbia|CA||
Montreal|Quebec|CA||Montréal
Brisbane|Queensland|AU||
Perth|Western Australia|AU||
Osaka|-|JP||
Seoul|-|KR|Seoul|Séoul
"""


def _countries() -> tuple[dict[int, Named], dict[str, Named]]:
    by_id: dict[int, Named] = {}
    by_iso: dict[str, Named] = {}
    for line in _COUNTRY_ROWS.strip().splitlines():
        sid, iso, en, de, fr = line.split("|")
        by_id[int(sid)] = by_iso[iso] = Named(int(sid), {"en_US": en, "de_DE": de, "fr_FR": fr})
    return by_id, by_iso


COUNTRIES, COUNTRIES_BY_ISO = _countries()


def _plausible_id(name: str, taken: set[int]) -> int:
    """A stable 9-digit id in LinkedIn's city range for an emulator place (FNV-1a of the name; no collision)."""
    h = 2166136261
    for ch in name.encode():
        h = ((h ^ ch) * 16777619) % (1 << 32)
    gid = 100_000_000 + h % 17_000_000
    while gid in taken:
        gid += 1
    return gid


def _places() -> dict[int, Named]:
    out = _named(_PLACE_ROWS)
    taken = set(out) | set(COUNTRIES)
    for line in _EMULATOR_PLACE_ROWS.strip().splitlines():
        city, region, iso, de_city, fr_city = line.split("|")
        country = COUNTRIES_BY_ISO[iso].names
        names = {}
        for loc, local_city in (("en_US", city), ("de_DE", de_city or city), ("fr_FR", fr_city or city)):
            parts = [local_city] + ([region] if region != "-" else []) + [country[loc]]
            names[loc] = ", ".join(parts)
        gid = _plausible_id(f"{city}|{region}|{iso}", taken)
        taken.add(gid)
        out[gid] = Named(gid, names)
    return out


PLACES = _places()
GEO: dict[int, Named] = {**COUNTRIES, **PLACES}

# Facet value pools, in a fixed order (the generator shuffles indexes into them per organization):
# followerCountsByGeoCountry/pageStatisticsByGeoCountry use countries, followerCountsByGeo/pageStatisticsByGeo
# regions, metropolitan areas and cities, the industry facets the lowest ids of the DEFAULT taxonomy.
GEO_COUNTRY_POOL: tuple[int, ...] = tuple(COUNTRIES)
GEO_PLACE_POOL: tuple[int, ...] = tuple(PLACES)
# 150 ids: an organization's lookup industry is rng.choice() over them, drawing like the former randint(1, 150),
# so the rest of a seed's data set did not move when the URNs became real.
INDUSTRY_POOL: tuple[int, ...] = INDUSTRY_IDS[:150]


def taxonomy(version: str) -> dict[int, Industry] | None:
    """Industries of one taxonomy version; None for a version LinkedIn does not have."""
    if version not in TAXONOMY_VERSIONS:
        return None
    if version == "V1_0":
        return {i: Industry(i, None, ind.names, ()) for i, ind in INDUSTRIES.items() if i <= V1_MAX_ID}
    return INDUSTRIES


def resolve_locale(value: object) -> str:
    """The locale a name is served in: the requested one when supported, else en_US (LinkedIn's fallback).

    `value` is the decoded `locale` parameter: absent, or a record `(language:de,country:DE)` (2.0) or
    `locale.language=de&locale.country=DE` (1.0), which decode to the same dict. Anything else is malformed.
    """
    if value is None:
        return DEFAULT_LOCALE
    if not isinstance(value, dict) or not set(value) <= {"language", "country", "variant"} or "language" not in value:
        raise ValueError("locale must be (language:xx,country:YY)")
    language, country = value.get("language"), value.get("country", "")
    if not isinstance(language, str) or not isinstance(country, str):
        raise ValueError("locale language and country must be strings")
    wanted = f"{language}_{country}"
    return wanted if wanted in LOCALES else DEFAULT_LOCALE
