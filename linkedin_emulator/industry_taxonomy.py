"""LinkedIn's industry taxonomy (V2, 434 industries) with per-locale names; served by handlers/standardized.py."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Ids, English labels and the tree are LinkedIn's published industry codes V2 ("Industry ID", "Label",
# "Hierarchy"); a row is `id|parent id (0 = root)|en_US label`.
_ROWS = """
1|1029|Defense and Space Manufacturing
3|24|Computer Hardware Manufacturing
4|6|Software Development
5|4|Computer Networking Products
6|1594|Technology, Information and Internet
7|24|Semiconductor Manufacturing
8|3133|Telecommunications
9|10|Law Practice
10|1810|Legal Services
11|1810|Business Consulting and Services
12|70|Biotechnology Research
13|14|Medical Practices
14|0|Hospitals and Health Care
15|54|Pharmaceutical Manufacturing
16|1810|Veterinary Services
17|25|Medical Equipment Manufacturing
18|54|Personal Care Product Manufacturing
19|27|Retail Apparel and Fashion
20|25|Sporting Goods Manufacturing
21|25|Tobacco Manufacturing
22|1339|Retail Groceries
23|25|Food and Beverage Manufacturing
24|25|Computers and Electronics Manufacturing
25|0|Manufacturing
26|25|Furniture and Home Furnishings Manufacturing
27|0|Retail
28|0|Entertainment Providers
29|40|Gambling Facilities and Casinos
30|1912|Travel Arrangements
31|2190|Hospitality
32|34|Restaurants
33|2130|Spectator Sports
34|2190|Food and Beverage Services
35|3133|Movies, Videos and Sound
36|3133|Broadcast Media Production and Distribution
37|28|Museums, Historical Sites, and Zoos
38|28|Artists and Writers
39|2130|Performing Arts
40|28|Recreational Facilities
41|1673|Banking
42|43|Insurance
43|0|Financial Services
44|1757|Real Estate
45|129|Investment Banking
46|129|Investment Management
47|1810|Accounting
48|0|Construction
49|133|Wholesale Building Materials
50|1810|Architecture and Planning
51|48|Civil Engineering
52|1029|Aviation and Aerospace Component Manufacturing
53|1029|Motor Vehicle Manufacturing
54|25|Chemical Manufacturing
55|25|Machinery Manufacturing
56|332|Mining
57|332|Oil and Gas
58|1029|Shipbuilding
59|0|Utilities
60|25|Textile Manufacturing
61|25|Paper and Forest Product Manufacturing
62|1029|Railroad Equipment Manufacturing
63|201|Farming
64|256|Ranching
65|23|Dairy Product Manufacturing
66|256|Fisheries
67|1999|Primary and Secondary Education
68|1999|Higher Education
69|2353|Education Administration Programs
70|1810|Research Services
71|2391|Armed Forces
72|79|Legislative Offices
73|75|Administration of Justice
74|2391|International Affairs
75|0|Government Administration
76|79|Executive Offices
77|73|Law Enforcement
78|73|Public Safety
79|75|Public Policy Offices
80|1810|Advertising Services
81|82|Newspaper Publishing
82|3133|Book and Periodical Publishing
83|25|Printing Services
84|6|Information Services
85|84|Libraries
86|11|Environmental Services
87|116|Freight and Package Transportation
88|14|Individual and Family Services
89|91|Religious Institutions
90|91|Civic and Social Organizations
91|0|Consumer Services
92|116|Truck Transportation
93|116|Warehousing and Storage
94|116|Airlines and Aviation
95|116|Maritime Transportation
96|1810|IT Services and IT Consulting
97|80|Market Research
98|80|Public Relations and Communications Services
99|1810|Design Services
100|91|Non-profit Organizations
101|1912|Fundraising
102|11|Strategic Management Services
103|1912|Writing and Editing
104|1912|Staffing and Recruiting
105|1999|Professional Training and Coaching
106|129|Venture Capital and Private Equity Principals
107|90|Political Organizations
108|1912|Translation and Localization
109|4|Computer Games
110|1912|Events Services
111|27|Retail Art Supplies
112|25|Appliances, Electrical, and Electronics Manufacturing
113|3132|Online Audio and Video Media
114|70|Nanotechnology Research
115|28|Musicians
116|0|Transportation, Logistics, Supply Chain and Storage
117|743|Plastics Manufacturing
118|96|Computer and Network Security
119|8|Wireless Services
120|10|Alternative Dispute Resolution
121|1912|Security and Investigations
122|1912|Facilities Services
123|11|Outsourcing and Offshoring Consulting
124|40|Wellness and Fitness Services
125|13|Alternative Medicine
126|35|Media Production
127|35|Animation and Post-production
128|44|Leasing Non-residential Real Estate
129|43|Capital Markets
130|70|Think Tanks
131|91|Philanthropic Fundraising Services
132|1999|E-Learning Providers
133|0|Wholesale
134|133|Wholesale Import and Export
135|55|Industrial Machinery Manufacturing
136|1810|Photography
137|11|Human Resources Services
138|27|Retail Office Equipment
139|13|Mental Health Care
140|99|Graphic Design
141|1673|International Trade and Development
142|23|Beverage Manufacturing
143|27|Retail Luxury Goods and Jewelry
144|7|Renewable Energy Semiconductor Manufacturing
145|25|Glass, Ceramics and Concrete Manufacturing
146|743|Packaging and Containers Manufacturing
147|55|Automation Machinery Manufacturing
148|80|Government Relations Services
150|63|Horticulture
201|0|Farming, Ranching, Forestry
256|201|Ranching and Fisheries
298|201|Forestry and Logging
332|0|Oil, Gas, and Mining
341|56|Coal Mining
345|56|Metal Ore Mining
356|56|Nonmetallic Mineral Mining
382|59|Electric Power Transmission, Control, and Distribution
383|59|Electric Power Generation
384|3240|Hydroelectric Power Generation
385|383|Fossil Fuel Electric Power Generation
386|383|Nuclear Electric Power Generation
387|3240|Solar Electric Power Generation
388|75|Environmental Quality Programs
389|3240|Geothermal Electric Power Generation
390|3240|Biomass Electric Power Generation
397|59|Natural Gas Distribution
398|59|Water, Waste, Steam, and Air Conditioning Services
400|398|Water Supply and Irrigation Systems
404|398|Steam and Air-Conditioning Supply
406|48|Building Construction
408|406|Residential Building Construction
413|406|Nonresidential Building Construction
419|51|Utility System Construction
428|51|Subdivision of Land
431|51|Highway, Street, and Bridge Construction
435|48|Specialty Trade Contractors
436|435|Building Structure and Exterior Contractors
453|435|Building Equipment Contractors
460|435|Building Finishing Contractors
481|23|Animal Feed Manufacturing
495|23|Sugar and Confectionery Product Manufacturing
504|23|Fruit and Vegetable Preserves Manufacturing
521|23|Meat Products Manufacturing
528|23|Seafood Product Manufacturing
529|23|Baked Goods Manufacturing
562|142|Breweries
564|142|Distilleries
598|25|Apparel Manufacturing
615|598|Fashion Accessories Manufacturing
616|25|Leather Product Manufacturing
622|616|Footwear Manufacturing
625|616|Women's Handbag Manufacturing
679|25|Oil and Coal Product Manufacturing
690|54|Chemical Raw Materials Manufacturing
703|54|Artificial Rubber and Synthetic Fiber Manufacturing
709|54|Agricultural Chemical Manufacturing
722|54|Paint, Coating, and Adhesive Manufacturing
727|54|Soap and Cleaning Product Manufacturing
743|25|Plastics and Rubber Product Manufacturing
763|743|Rubber Products Manufacturing
773|145|Clay and Refractory Products Manufacturing
779|145|Glass Product Manufacturing
784|25|Wood Product Manufacturing
794|145|Lime and Gypsum Products Manufacturing
799|145|Abrasives and Nonmetallic Minerals Manufacturing
807|25|Primary Metal Manufacturing
840|25|Fabricated Metal Products
849|840|Cutlery and Handtool Manufacturing
852|840|Architectural and Structural Metal Manufacturing
861|840|Boilers, Tanks, and Shipping Container Manufacturing
871|840|Construction Hardware Manufacturing
873|840|Spring and Wire Product Manufacturing
876|840|Turned Products and Fastener Manufacturing
883|840|Metal Treatments
887|840|Metal Valve, Ball, and Roller Manufacturing
901|55|Agriculture, Construction, Mining Machinery Manufacturing
918|55|Commercial and Service Industry Machinery Manufacturing
923|55|HVAC and Refrigeration Equipment Manufacturing
928|55|Metalworking Machinery Manufacturing
935|55|Engines and Power Transmission Equipment Manufacturing
964|24|Communications Equipment Manufacturing
973|24|Audio and Video Equipment Manufacturing
983|24|Measuring and Control Instrument Manufacturing
994|24|Magnetic and Optical Media Manufacturing
998|112|Electric Lighting Equipment Manufacturing
1005|112|Household Appliance Manufacturing
1029|25|Transportation Equipment Manufacturing
1042|1029|Motor Vehicle Parts Manufacturing
1080|26|Household and Institutional Furniture Manufacturing
1090|26|Office Furniture and Fixtures Manufacturing
1095|26|Mattress and Blinds Manufacturing
1128|133|Wholesale Motor Vehicles and Parts
1137|133|Wholesale Furniture and Home Furnishings
1153|133|Wholesale Photography Equipment and Supplies
1157|133|Wholesale Computer Equipment
1166|133|Wholesale Metals and Minerals
1171|133|Wholesale Appliances, Electrical, and Electronics
1178|133|Wholesale Hardware, Plumbing, Heating Equipment
1187|133|Wholesale Machinery
1206|133|Wholesale Recyclable Materials
1208|133|Wholesale Luxury Goods and Jewelry
1212|133|Wholesale Paper Products
1221|133|Wholesale Drugs and Sundries
1222|133|Wholesale Apparel and Sewing Supplies
1230|133|Wholesale Footwear
1231|133|Wholesale Food and Beverage
1250|133|Wholesale Raw Farm Products
1257|133|Wholesale Chemical and Allied Products
1262|133|Wholesale Petroleum and Petroleum Products
1267|133|Wholesale Alcoholic Beverages
1285|6|Internet Marketplace Platforms
1292|27|Retail Motor Vehicles
1309|27|Retail Furniture and Home Furnishings
1319|27|Retail Appliances, Electrical, and Electronic Equipment
1324|27|Retail Building Materials and Garden Equipment
1339|27|Food and Beverage Retail
1359|27|Retail Health and Personal Care Products
1370|27|Retail Gasoline
1407|27|Retail Musical Instruments
1409|27|Retail Books and Printed News
1423|27|Retail Florists
1424|27|Retail Office Supplies and Gifts
1431|27|Retail Recyclable Materials & Used Merchandise
1445|27|Online and Mail Order Retail
1481|116|Rail Transportation
1495|116|Ground Passenger Transportation
1497|1495|Urban Transit Services
1504|1495|Interurban and Rural Bus Services
1505|1495|Taxi and Limousine Services
1512|1495|School and Employee Bus Services
1517|1495|Shuttles and Special Needs Transportation Services
1520|116|Pipeline Transportation
1532|1495|Sightseeing Transportation
1573|116|Postal Services
1594|0|Technology, Information and Media
1600|82|Periodical Publishing
1602|82|Book Publishing
1611|35|Movies and Sound Recording
1623|1611|Sound Recording
1625|35|Sheet Music Publishing
1633|36|Radio and Television Broadcasting
1641|36|Cable and Satellite Programming
1644|8|Telecommunications Carriers
1649|8|Satellite Telecommunications
1673|43|Credit Intermediation
1678|1673|Savings Institutions
1696|1673|Loan Brokers
1713|129|Securities and Commodity Exchanges
1720|129|Investment Advice
1725|42|Insurance Carriers
1737|42|Insurance Agencies and Brokerages
1738|42|Claims Adjusting, Actuarial Services
1742|43|Funds and Trusts
1743|1742|Insurance and Employee Benefit Funds
1745|1742|Pension Funds
1750|1742|Trusts and Estates
1757|0|Real Estate and Equipment Rental Services
1759|44|Leasing Residential Real Estate
1770|44|Real Estate Agents and Brokers
1779|1757|Equipment Rental Services
1786|1779|Consumer Goods Rental
1798|1779|Commercial and Industrial Equipment Rental
1810|0|Professional Services
1855|96|IT System Design Services
1862|11|Marketing Services
1905|0|Holding Companies
1909|90|Industry Associations
1911|90|Professional Organizations
1912|0|Administrative and Support Services
1916|1912|Office Administration
1923|104|Executive Search Services
1925|104|Temporary Help Services
1931|1912|Telephone Call Centers
1938|1912|Collection Agencies
1956|121|Security Guards and Patrol Services
1958|121|Security Systems Services
1965|122|Janitorial Services
1981|398|Waste Collection
1986|398|Waste Treatment and Disposal
1999|0|Education
2012|2018|Secretarial Schools
2018|1999|Technical and Vocational Training
2019|2018|Cosmetology and Barber Schools
2020|2018|Flight Training
2025|2018|Fine Arts Schools
2027|2018|Sports and Recreation Instruction
2029|2018|Language Schools
2040|13|Physicians
2045|13|Dentists
2048|13|Chiropractors
2050|13|Optometrists
2054|13|Physical, Occupational and Speech Therapists
2060|13|Family Planning Centers
2063|13|Outpatient Care Centers
2069|13|Medical and Diagnostic Laboratories
2074|13|Home Health Care Services
2077|13|Ambulance Services
2081|14|Hospitals
2091|14|Nursing Homes and Residential Care Facilities
2112|2115|Services for the Elderly and Disabled
2115|14|Community Services
2122|88|Emergency and Relief Services
2125|88|Vocational Rehabilitation Services
2128|88|Child Day Care Services
2130|28|Performing Arts and Spectator Sports
2133|2130|Theater Companies
2135|2130|Dance Companies
2139|2130|Circuses and Magic Shows
2142|33|Sports Teams and Clubs
2143|33|Racetracks
2159|37|Museums
2161|37|Historical Sites
2163|37|Zoos and Botanical Gardens
2167|40|Amusement Parks and Arcades
2179|40|Golf Courses and Country Clubs
2181|40|Skiing Facilities
2190|0|Accommodation Services
2194|31|Hotels and Motels
2197|31|Bed-and-Breakfasts, Hostels, Homestays
2212|34|Caterers
2214|34|Mobile Food Services
2217|34|Bars, Taverns, and Nightclubs
2225|91|Repair and Maintenance
2226|2225|Vehicle Repair and Maintenance
2240|2225|Electronic and Precision Equipment Maintenance
2247|2225|Commercial and Industrial Machinery Maintenance
2253|2225|Reupholstery and Furniture Repair
2255|2225|Footwear and Leather Goods Repair
2258|91|Personal and Laundry Services
2259|2258|Personal Care Services
2272|2258|Laundry and Drycleaning Services
2282|2258|Pet Services
2318|91|Household Services
2353|75|Health and Human Services
2358|2353|Public Health
2360|2353|Public Assistance Programs
2366|388|Air, Water, and Waste Program Management
2368|388|Conservation Programs
2369|75|Housing and Community Development
2374|2369|Community Development and Urban Planning
2375|75|Economic Programs
2391|75|Military and International Affairs
2401|11|Operations Consulting
2458|6|Data Infrastructure and Analytics
2468|112|Electrical Equipment Manufacturing
2489|3240|Wind Electric Power Generation
2500|142|Wineries
2934|122|Landscaping Services
3065|73|Courts of Law
3068|73|Correctional Institutions
3070|73|Fire Protection
3081|2369|Housing Programs
3085|2375|Transportation Programs
3086|2375|Utilities Administration
3089|75|Space Research and Technology
3095|57|Oil Extraction
3096|57|Natural Gas Extraction
3099|4|Embedded Software Products
3100|4|Mobile Computing Software Products
3101|4|Desktop Computing Software Products
3102|96|IT System Custom Software Development
3103|96|IT System Operations and Maintenance
3104|96|IT System Installation and Disposal
3105|96|IT System Training and Support
3106|96|IT System Data Services
3107|96|IT System Testing and Evaluation
3124|113|Internet News
3125|3132|Blogs
3126|99|Interior Design
3127|6|Social Networking Platforms
3128|2458|Business Intelligence Platforms
3129|3132|Business Content
3130|4|Data Security Software Products
3131|109|Mobile Gaming Apps
3132|84|Internet Publishing
3133|1594|Media & Telecommunications
3134|2458|Blockchain Services
3186|27|Retail Art Dealers
3240|383|Renewable Energy Power Generation
3241|935|Renewable Energy Equipment Manufacturing
3242|1810|Engineering Services
3243|1810|Services for Renewable Energy
3244|96|Digital Accessibility Services
3245|3|Accessible Hardware Manufacturing
3246|50|Accessible Architecture and Design
3247|147|Robot Manufacturing
3248|3242|Robotics Engineering
3249|3242|Surveying and Mapping Services
3250|1359|Retail Pharmacies
3251|25|Climate Technology Product Manufacturing
3252|2458|Climate Data and Analytics
3253|53|Alternative Fuel Vehicle Manufacturing
3254|983|Smart Meter Manufacturing
3255|2468|Fuel Cell Manufacturing
3256|99|Regenerative Design
"""

# de_DE and fr_FR names are the emulator's own: LinkedIn does not publish its translations. Every name is
# rendered word by word from this glossary (`English|German|French`); French takes the words of each part in
# reverse order, because French puts the head noun first. _OVERRIDES below gives whole names where the
# word-by-word rendering would equal the English name or reads too badly (the sector roots).
_GLOSSARY = """
and|und|et
Manufacturing|Herstellung|Fabrication
Services|Dienstleistungen|Services
Wholesale|Großhandel|Commerce de gros
Equipment|Ausrüstung|Équipement
Retail|Einzelhandel|Commerce de détail
Products|Produkte|Produits
Product|Produkt|Produit
Transportation|Transport|Transport
Power|Strom|Électricité
Care|Pflege|Soins
Electric|Elektrische|Électrique
Generation|Erzeugung|Production
Construction|Bauwesen|Construction
Building|Gebäude|Bâtiment
Machinery|Maschinen|Machines
System|System|Système
Programs|Programme|Programmes
Health|Gesundheit|Santé
Goods|Waren|Biens
Furniture|Möbel|Meubles
Media|Medien|Médias
Mining|Bergbau|Exploitation minière
Publishing|Verlagswesen|Édition
Design|Design|Design
Metal|Metall|Métal
Computer|Computer|Informatique
Development|Entwicklung|Développement
Research|Forschung|Recherche
Food|Lebensmittel|Alimentation
Beverage|Getränke|Boissons
Facilities|Einrichtungen|Installations
Real|Immobilien|Immobilier
Estate|Wirtschaft|Biens
Materials|Materialien|Matériaux
Administration|Verwaltung|Administration
Public|Öffentliche|Publique
Security|Sicherheit|Sécurité
Maintenance|Wartung|Maintenance
Hardware|Hardware|Matériel
Technology|Technologie|Technologie
Internet|Internet|Internet
Telecommunications|Telekommunikation|Télécommunications
Consulting|Beratung|Conseil
Personal|Persönliche|Personnels
Home|Haus|Maison
Sports|Sport|Sports
Insurance|Versicherungen|Assurances
Motor|Motor|Moteur
Vehicle|Fahrzeug|Véhicule
Chemical|Chemische|Chimique
Oil|Öl|Pétrole
Gas|Gas|Gaz
Education|Bildung|Enseignement
Organizations|Organisationen|Organisations
Training|Schulung|Formation
Supplies|Bedarf|Fournitures
Electrical|Elektro|Électrique
Office|Büro|Bureau
Renewable|Erneuerbare|Renouvelable
Energy|Energie|Énergie
Waste|Abfall|Déchets
Contractors|Unternehmer|Entrepreneurs
Rental|Vermietung|Location
Schools|Schulen|Écoles
Repair|Reparatur|Réparation
Data|Daten|Données
Information|Information|Information
Law|Recht|Droit
Business|Unternehmens|Entreprise
Medical|Medizinische|Médical
Apparel|Bekleidung|Habillement
Electronics|Elektronik|Électronique
Furnishings|Einrichtung|Ameublement
Sound|Ton|Son
Distribution|Vertrieb|Distribution
Arts|Kunst|Arts
Investment|Investment|Investissement
Management|Management|Gestion
Planning|Planung|Planification
Engineering|Ingenieurwesen|Ingénierie
Ranching|Viehzucht|Élevage
Offices|Praxen|Cabinets
of|von|de
International|Internationale|Internationales
Institutions|Institutionen|Institutions
Professional|Freiberufliche|Professionnels
Appliances|Geräte|Appareils
Supply|Versorgung|Approvisionnement
Alternative|Alternative|Alternatif
Industrial|Industrielle|Industriel
Fuel|Kraftstoff|Carburant
Water|Wasser|Eau
Residential|Wohn|Résidentiel
Footwear|Schuhe|Chaussures
Rubber|Gummi|Caoutchouc
Commercial|Gewerbliche|Commercial
Household|Haushalts|Ménagers
Platforms|Plattformen|Plateformes
Funds|Fonds|Fonds
Companies|Gesellschaften|Sociétés
Centers|Zentren|Centres
Community|Gemeinschafts|Communautaires
Mobile|Mobile|Mobile
Space|Raumfahrt|Espace
Networking|Netzwerk|Réseau
Semiconductor|Halbleiter|Semi-conducteurs
Hospitals|Krankenhäuser|Hôpitaux
Fashion|Mode|Mode
Providers|Anbieter|Fournisseurs
Spectator|Zuschauer|Spectateurs
Movies|Filme|Films
Production|Produktion|Production
Museums|Museen|Musées
Historical|Historische|Historiques
Sites|Stätten|Sites
Zoos|Zoos|Zoos
Performing|Darstellende|Du spectacle
Banking|Bankwesen|Banque
Architecture|Architektur|Architecture
Aviation|Luftfahrt|Aviation
Utilities|Versorger|Services publics
Paper|Papier|Papier
Farming|Landwirtschaft|Agriculture
Fisheries|Fischerei|Pêche
Primary|Grund|Primaire
Affairs|Angelegenheiten|Affaires
Government|Regierung|Gouvernement
Executive|Exekutive|Exécutif
Book|Buch|Livre
Periodical|Zeitschriften|Périodiques
Environmental|Umwelt|Environnement
Family|Familien|Famille
Social|Soziale|Sociaux
Consumer|Verbraucher|Consommateurs
Storage|Lagerung|Stockage
Relations|Beziehungen|Relations
Communications|Kommunikation|Communication
Fundraising|Spendensammlung|Collecte de fonds
Capital|Kapital|Capital
Art|Kunst|Art
Online|Online|En ligne
Audio|Audio|Audio
Video|Video|Vidéo
Plastics|Kunststoffe|Plastiques
Leasing|Leasing|Crédit-bail
Tanks|Tanks|Réservoirs
Photography|Fotografie|Photographie
Human|Personal|Humaines
Trade|Handel|Commerce
Luxury|Luxus|Luxe
Jewelry|Schmuck|Bijoux
Glass|Glas|Verre
Forestry|Forstwirtschaft|Sylviculture
Coal|Kohle|Charbon
Nonmetallic|Nichtmetallische|Non métalliques
Transmission|Übertragung|Transport
Control|Steuerung|Contrôle
Natural|Erd|Naturel
Steam|Dampf|Vapeur
Air|Luft|Air
Systems|Systeme|Systèmes
Leather|Leder|Cuir
Raw|Roh|Bruts
Minerals|Mineralien|Minéraux
Industry|Industrie|Industrie
Parts|Teile|Pièces
Vehicles|Fahrzeuge|Véhicules
Recyclable|Recycelbare|Recyclables
Petroleum|Erdöl|Pétrolier
Electronic|Elektronische|Électroniques
News|Nachrichten|Actualités
Urban|Städtische|Urbain
Bus|Bus|Bus
Employee|Mitarbeiter|Salariés
Recording|Aufnahme|Enregistrement
Satellite|Satelliten|Satellite
Carriers|Transportunternehmen|Transporteurs
Brokers|Makler|Courtiers
Agencies|Agenturen|Agences
Trusts|Treuhand|Fiducies
Support|Unterstützung|Soutien
Collection|Inkasso|Recouvrement
Disposal|Entsorgung|Élimination
Vocational|Berufliche|Professionnelle
for|für|pour
Clubs|Clubs|Clubs
Laundry|Wäscherei|Blanchisserie
Housing|Wohnungs|Logement
Operations|Betrieb|Exploitation
Analytics|Analytik|Analytique
Extraction|Gewinnung|Extraction
Computing|Computing|Informatique
Accessible|Barrierefreie|Accessible
Climate|Klima|Climat
Defense|Verteidigung|Défense
Practice|Kanzlei|Cabinet
Legal|Rechts|Juridiques
Biotechnology|Biotechnologie|Biotechnologie
Practices|Praxen|Cabinets
Pharmaceutical|Pharmazeutische|Pharmaceutique
Veterinary|Tierärztliche|Vétérinaires
Sporting|Sport|Sport
Tobacco|Tabak|Tabac
Groceries|Lebensmittel|Épicerie
Computers|Computer|Ordinateurs
Entertainment|Unterhaltungs|Divertissement
Gambling|Glücksspiel|Jeux d'argent
Casinos|Kasinos|Casinos
Travel|Reise|Voyages
Arrangements|Vermittlung|Organisation
Hospitality|Gastgewerbe|Hôtellerie
Restaurants|Restaurants|Restaurants
Videos|Videos|Vidéos
Broadcast|Rundfunk|Diffusion
Artists|Künstler|Artistes
Writers|Autoren|Écrivains
Recreational|Freizeit|Loisirs
Financial|Finanz|Financiers
Accounting|Buchhaltung|Comptabilité
Civil|Bau|Civil
Aerospace|Luft- und Raumfahrt|Aérospatiale
Component|Komponenten|Composants
Shipbuilding|Schiffbau|Construction navale
Textile|Textil|Textile
Forest|Forst|Forestiers
Railroad|Eisenbahn|Ferroviaire
Dairy|Milch|Laitiers
Secondary|Weiterführende|Secondaire
Higher|Hochschul|Supérieur
Armed|Streit|Armées
Forces|Kräfte|Forces
Legislative|Gesetzgebende|Législatifs
Justice|Justiz|Justice
Enforcement|Vollzug|Application
Safety|Sicherheit|Sûreté
Policy|Politik|Politique
Advertising|Werbe|Publicité
Newspaper|Zeitungs|Presse
Printing|Druck|Impression
Libraries|Bibliotheken|Bibliothèques
Freight|Fracht|Fret
Package|Paket|Colis
Individual|Individuelle|Individuels
Religious|Religiöse|Religieuses
Civic|Bürger|Civiques
Truck|Lkw|Camions
Warehousing|Lagerhaltung|Entreposage
Airlines|Fluggesellschaften|Compagnies aériennes
Maritime|See|Maritime
Market|Markt|Marché
Non-profit|Gemeinnützige|But non lucratif
Strategic|Strategische|Stratégique
Writing|Schreiben|Rédaction
Editing|Lektorat|Révision
Staffing|Personalvermittlung|Intérim
Recruiting|Recruiting|Recrutement
Coaching|Coaching|Coaching
Venture|Wagnis|Risque
Private|Private|Privé
Equity|Beteiligungen|Capital-investissement
Principals|Auftraggeber|Mandants
Political|Politische|Politiques
Translation|Übersetzung|Traduction
Localization|Lokalisierung|Localisation
Games|Spiele|Jeux
Events|Veranstaltungen|Événements
Nanotechnology|Nanotechnologie|Nanotechnologie
Musicians|Musiker|Musiciens
Logistics|Logistik|Logistique
Chain|Kette|Chaîne
Network|Netzwerk|Réseau
Wireless|Drahtlose|Sans fil
Dispute|Streit|Litiges
Resolution|Beilegung|Résolution
Investigations|Ermittlungen|Enquêtes
Outsourcing|Outsourcing|Externalisation
Offshoring|Offshoring|Délocalisation
Wellness|Wellness|Bien-être
Fitness|Fitness|Remise en forme
Medicine|Medizin|Médecine
Animation|Animation|Animation
Post-production|Postproduktion|Post-production
Non-residential|Nichtwohn|Non résidentiel
Markets|Märkte|Marchés
Think|Denk|Groupes
Philanthropic|Philanthropische|Philanthropiques
E-Learning|E-Learning|Apprentissage en ligne
Import|Import|Importation
Export|Export|Exportation
Resources|Ressourcen|Ressources
Mental|Psychische|Mentale
Graphic|Grafik|Graphique
Ceramics|Keramik|Céramique
Concrete|Beton|Béton
Packaging|Verpackung|Emballage
Containers|Behälter|Conteneurs
Automation|Automatisierungs|Automatisation
Horticulture|Gartenbau|Horticulture
Logging|Holzeinschlag|Exploitation forestière
Ore|Erz|Minerai
Mineral|Mineral|Minéral
Hydroelectric|Wasserkraft|Hydroélectrique
Fossil|Fossile|Fossile
Nuclear|Kern|Nucléaire
Solar|Solar|Solaire
Quality|Qualitäts|Qualité
Geothermal|Geothermische|Géothermique
Biomass|Biomasse|Biomasse
Conditioning|Klimatisierung|Climatisation
Irrigation|Bewässerung|Irrigation
Air-Conditioning|Klimaanlagen|Climatisation
Nonresidential|Nichtwohn|Non résidentiel
Utility|Versorgungs|Services publics
Subdivision|Parzellierung|Lotissement
Land|Land|Terrains
Highway|Autobahn|Autoroutes
Street|Straßen|Rues
Bridge|Brücken|Ponts
Specialty|Spezial|Spécialisés
Structure|Rohbau|Gros œuvre
Exterior|Außen|Extérieurs
Finishing|Ausbau|Finitions
Animal|Tier|Animaux
Feed|Futter|Aliments
Sugar|Zucker|Sucre
Confectionery|Süßwaren|Confiserie
Fruit|Obst|Fruits
Vegetable|Gemüse|Légumes
Preserves|Konserven|Conserves
Meat|Fleisch|Viande
Seafood|Meeresfrüchte|Fruits de mer
Baked|Back|Boulangerie
Breweries|Brauereien|Brasseries
Distilleries|Brennereien|Distilleries
Accessories|Accessoires|Accessoires
Women's|Damen|Femmes
Handbag|Handtaschen|Sacs à main
Artificial|Künstliche|Artificiel
Synthetic|Synthetische|Synthétiques
Fiber|Fasern|Fibres
Agricultural|Agrar|Agricoles
Paint|Farbe|Peinture
Coating|Beschichtung|Revêtement
Adhesive|Klebstoff|Adhésifs
Soap|Seife|Savon
Cleaning|Reinigungs|Nettoyage
Clay|Ton|Argile
Refractory|Feuerfeste|Réfractaires
Wood|Holz|Bois
Lime|Kalk|Chaux
Gypsum|Gips|Gypse
Abrasives|Schleifmittel|Abrasifs
Fabricated|Gefertigte|Fabriqués
Cutlery|Besteck|Coutellerie
Handtool|Handwerkzeug|Outillage à main
Architectural|Bau|Architecturaux
Structural|Konstruktions|Structurels
Boilers|Kessel|Chaudières
Shipping|Versand|Expédition
Container|Container|Conteneur
Spring|Federn|Ressorts
Wire|Draht|Fil
Turned|Dreh|Décolletage
Fastener|Befestigungs|Fixations
Treatments|Behandlungen|Traitements
Valve|Ventil|Vannes
Ball|Kugel|Billes
Roller|Rollen|Rouleaux
Agriculture|Landwirtschaft|Agriculture
Service|Dienstleistung|Service
HVAC|HLK|CVC
Refrigeration|Kälte|Réfrigération
Metalworking|Metallbearbeitung|Travail des métaux
Engines|Motoren|Moteurs
Measuring|Mess|Mesure
Instrument|Instrumente|Instruments
Magnetic|Magnetische|Magnétiques
Optical|Optische|Optiques
Lighting|Beleuchtung|Éclairage
Appliance|Geräte|Appareils
Institutional|Institutionelle|Institutionnels
Fixtures|Einbauten|Agencements
Mattress|Matratzen|Matelas
Blinds|Jalousien|Stores
Metals|Metalle|Métaux
Plumbing|Sanitär|Plomberie
Heating|Heizung|Chauffage
Drugs|Arzneimittel|Médicaments
Sundries|Drogeriewaren|Articles divers
Sewing|Näh|Couture
Farm|Landwirtschaftliche|Agricoles
Allied|Verwandte|Connexes
Alcoholic|Alkoholische|Alcoolisées
Beverages|Getränke|Boissons
Marketplace|Marktplatz|Place de marché
Garden|Garten|Jardin
Gasoline|Tankstellen|Essence
Musical|Musik|Musique
Instruments|Instrumente|Instruments
Books|Bücher|Livres
Printed|Gedruckte|Imprimés
Florists|Floristen|Fleuristes
Gifts|Geschenke|Cadeaux
Used|Gebrauchte|D'occasion
Merchandise|Waren|Marchandises
Mail|Versand|Vente
Order|Handel|Par correspondance
Rail|Bahn|Rail
Ground|Boden|Terrestre
Passenger|Personen|Voyageurs
Transit|Nahverkehr|Transports en commun
Interurban|Überland|Interurbain
Rural|Ländliche|Rural
Taxi|Taxi|Taxi
Limousine|Limousinen|Limousine
School|Schul|Scolaire
Shuttles|Shuttles|Navettes
Special|Besondere|Spéciaux
Needs|Bedürfnisse|Besoins
Pipeline|Pipeline|Pipelines
Sightseeing|Besichtigungs|Touristique
Postal|Post|Postaux
Sheet|Noten|Partitions
Music|Musik|Musique
Radio|Hörfunk|Radio
Television|Fernsehen|Télévision
Broadcasting|Rundfunk|Diffusion
Cable|Kabel|Câble
Programming|Programmgestaltung|Programmation
Credit|Kredit|Crédit
Intermediation|Vermittlung|Intermédiation
Savings|Spar|Épargne
Loan|Darlehens|Prêts
Securities|Wertpapiere|Valeurs mobilières
Commodity|Rohstoff|Matières premières
Exchanges|Börsen|Bourses
Advice|Beratung|Conseil
Brokerages|Maklerfirmen|Courtage
Claims|Schadens|Sinistres
Adjusting|Regulierung|Règlement
Actuarial|Versicherungsmathematische|Actuariels
Benefit|Leistungs|Prestations
Pension|Renten|Retraite
Estates|Nachlässe|Successions
Agents|Agenten|Agents
Marketing|Marketing|Marketing
Holding|Holding|Holding
Associations|Verbände|Associations
Administrative|Verwaltungs|Administratifs
Search|Suche|Recherche
Temporary|Zeitarbeit|Temporaire
Help|Hilfe|Aide
Telephone|Telefon|Téléphonique
Call|Call|Appels
Guards|Wachdienste|Gardiennage
Patrol|Streifen|Patrouille
Janitorial|Hausmeister|Entretien
Treatment|Behandlung|Traitement
Secretarial|Sekretariats|Secrétariat
Technical|Technische|Techniques
Cosmetology|Kosmetik|Cosmétologie
Barber|Friseur|Coiffure
Flight|Flug|Pilotage
Fine|Bildende|Beaux
Recreation|Freizeit|Loisirs
Instruction|Unterricht|Enseignement
Language|Sprach|Langues
Physicians|Ärzte|Médecins
Dentists|Zahnärzte|Dentistes
Chiropractors|Chiropraktiker|Chiropracteurs
Optometrists|Optometristen|Optométristes
Physical|Physio|Physiques
Occupational|Ergo|Ergothérapie
Speech|Sprech|Orthophonie
Therapists|Therapeuten|Thérapeutes
Outpatient|Ambulante|Ambulatoires
Diagnostic|Diagnostik|Diagnostic
Laboratories|Labore|Laboratoires
Ambulance|Rettungs|Ambulance
Nursing|Pflege|Soins infirmiers
Homes|Heime|Foyers
the|die|les
Elderly|Älteren|Personnes âgées
Disabled|Behinderten|Handicapés
Emergency|Not|Urgence
Relief|Hilfe|Secours
Rehabilitation|Rehabilitation|Réadaptation
Child|Kinder|Enfants
Day|Tages|Jour
Theater|Theater|Théâtre
Dance|Tanz|Danse
Circuses|Zirkusse|Cirques
Magic|Zauber|Magie
Shows|Shows|Spectacles
Teams|Mannschaften|Équipes
Racetracks|Rennbahnen|Hippodromes
Botanical|Botanische|Botaniques
Gardens|Gärten|Jardins
Amusement|Vergnügungs|Attractions
Parks|Parks|Parcs
Arcades|Spielhallen|Salles de jeux
Golf|Golf|Golf
Courses|Plätze|Parcours
Country|Country|Campagne
Skiing|Ski|Ski
Accommodation|Unterkunft|Hébergement
Hotels|Hotels|Hôtels
Motels|Motels|Motels
Bed-and-Breakfasts|Pensionen|Chambres d'hôtes
Hostels|Hostels|Auberges
Homestays|Gastfamilien|Chez l'habitant
Caterers|Caterer|Traiteurs
Bars|Bars|Bars
Taverns|Kneipen|Tavernes
Nightclubs|Nachtclubs|Boîtes de nuit
Precision|Präzisions|Précision
Reupholstery|Polsterei|Tapisserie
Drycleaning|Reinigung|Nettoyage à sec
Pet|Haustier|Animaux de compagnie
Assistance|Hilfe|Assistance
Program|Programm|Programme
Conservation|Naturschutz|Conservation
Economic|Wirtschafts|Économiques
Military|Militär|Militaire
Infrastructure|Infrastruktur|Infrastructures
Wind|Wind|Éolienne
Wineries|Weingüter|Domaines viticoles
Landscaping|Landschaftsbau|Aménagement paysager
Courts|Gerichte|Tribunaux
Correctional|Justizvollzugs|Pénitentiaires
Fire|Brand|Incendie
Protection|Schutz|Protection
Embedded|Eingebettete|Embarqués
Desktop|Desktop|Bureautique
Custom|Individuelle|Sur mesure
Installation|Installation|Installation
Testing|Prüfung|Essais
Evaluation|Bewertung|Évaluation
Blogs|Blogs|Blogs
Interior|Innen|Intérieur
Intelligence|Intelligenz|Intelligence
Content|Inhalte|Contenus
Gaming|Gaming|Jeux
Apps|Apps|Applications
Blockchain|Blockchain|Blockchain
Dealers|Händler|Concessionnaires
Digital|Digitale|Numérique
Accessibility|Barrierefreiheit|Accessibilité
Robot|Roboter|Robots
Robotics|Robotik|Robotique
Surveying|Vermessung|Topographie
Mapping|Kartierung|Cartographie
Pharmacies|Apotheken|Pharmacies
Smart|Intelligente|Intelligents
Meter|Zähler|Compteurs
Cell|Zell|Cellulaire
Regenerative|Regenerative|Régénérative
Software|Software|Logiciels
IT|IT|Informatique
"""

# (de_DE, fr_FR) by industry id: the 20 sector roots, some frequent industries, and every name the glossary
# would leave equal to English (each locale must have a name of its own).
_OVERRIDES: dict[int, tuple[str, str]] = {
    4: ("Softwareentwicklung", "Développement de logiciels"),
    6: ("Technologie, Information und Internet", "Technologies, information et Internet"),
    11: ("Unternehmensberatung und -dienstleistungen", "Conseil et services aux entreprises"),
    14: ("Krankenhäuser und Gesundheitswesen", "Hôpitaux et santé"),
    25: ("Fertigung", "Industrie manufacturière"),
    27: ("Einzelhandel", "Commerce de détail"),
    28: ("Unterhaltungsanbieter", "Fournisseurs de divertissement"),
    32: ("Gaststätten", "Restauration"),
    43: ("Finanzdienstleistungen", "Services financiers"),
    46: ("Vermögensverwaltung", "Gestion d'actifs"),
    48: ("Bauwesen", "Bâtiment et travaux publics"),
    59: ("Versorgungsunternehmen", "Services publics"),
    75: ("Öffentliche Verwaltung", "Administration publique"),
    91: ("Verbraucherdienstleistungen", "Services aux consommateurs"),
    96: ("IT-Dienstleistungen und IT-Beratung", "Services et conseil en informatique"),
    116: ("Transport, Logistik, Lieferkette und Lagerung",
          "Transport, logistique, chaîne d'approvisionnement et stockage"),
    133: ("Großhandel", "Commerce de gros"),
    150: ("Gartenbau", "Culture horticole"),
    201: ("Landwirtschaft, Viehzucht, Forstwirtschaft", "Agriculture, élevage, sylviculture"),
    332: ("Öl, Gas und Bergbau", "Pétrole, gaz et exploitation minière"),
    564: ("Brennereien", "Distillation de spiritueux"),
    1594: ("Technologie, Information und Medien", "Technologies, information et médias"),
    1757: ("Immobilien und Gerätevermietung", "Immobilier et location d'équipements"),
    1810: ("Freiberufliche Dienstleistungen", "Services professionnels"),
    1905: ("Holdinggesellschaften", "Sociétés holding"),
    1912: ("Verwaltungs- und Unterstützungsdienstleistungen", "Services administratifs et de soutien"),
    1999: ("Bildungswesen", "Enseignement"),
    2190: ("Beherbergung", "Hébergement"),
    3125: ("Weblogs", "Blogues"),
    3131: ("Mobile Spiele-Apps", "Applications de jeux mobiles"),
    3256: ("Regeneratives Design", "Design régénératif"),
}

LOCALES = ("en_US", "de_DE", "fr_FR")
_WORD = re.compile(r"[A-Za-z\-']+")
_FR_PARTS = re.compile(r"(, | and )")


@dataclass(frozen=True)
class Industry:
    """One taxonomy node; `names` has one entry per supported locale."""

    id: int
    parent: int | None
    names: dict[str, str]
    children: tuple[int, ...]

    @property
    def urn(self) -> str:
        return f"urn:li:industry:{self.id}"


def _glossary() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for line in _GLOSSARY.strip().splitlines():
        en, de, fr = line.split("|")
        out[en] = (de, fr)
    return out


def _german(name: str, words: dict[str, tuple[str, str]]) -> str:
    return _WORD.sub(lambda m: words[m.group()][0], name)


def _french(name: str, words: dict[str, tuple[str, str]]) -> str:
    out = []
    for part in _FR_PARTS.split(name):
        if part in (", ", " and "):
            out.append(", " if part == ", " else " et ")
        else:
            out.append(" ".join(words[w][1] if w in words else w for w in reversed(part.split(" "))))
    return "".join(out)


def _build() -> dict[int, Industry]:
    words = _glossary()
    rows = [line.split("|", 2) for line in _ROWS.strip().splitlines()]
    children: dict[int, list[int]] = {}
    for sid, sparent, _ in rows:
        if sparent != "0":
            children.setdefault(int(sparent), []).append(int(sid))
    table: dict[int, Industry] = {}
    for sid, sparent, en in rows:
        iid = int(sid)
        de, fr = _OVERRIDES.get(iid) or (_german(en, words), _french(en, words))
        table[iid] = Industry(iid, int(sparent) or None, {"en_US": en, "de_DE": de, "fr_FR": fr},
                              tuple(sorted(children.get(iid, []))))
    return table


INDUSTRIES: dict[int, Industry] = _build()
INDUSTRY_IDS: tuple[int, ...] = tuple(sorted(INDUSTRIES))
