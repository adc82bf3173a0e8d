// Generated once from the ISO 3166-1 list (iso-codes) plus general-knowledge short forms,
// adjectives/demonyms and capitals. One state per line:
// CODE <TAB> names ; ... <TAB> adjectives/demonyms ; ... <TAB> capitals ; ...
// Edit by hand; keep tabs.
extension GazetteerData {
    static let countries = """
AD	Andorra;Principality of Andorra	Andorran	Andorra la Vella
AE	United Arab Emirates;UAE;Emirates	Emirati;Emiratis	Abu Dhabi
AF	Afghanistan;Islamic Republic of Afghanistan	Afghan;Afghans;Afghani	Kabul
AG	Antigua and Barbuda;Antigua	Antiguan	
AI	Anguilla		
AL	Albania;Republic of Albania	Albanian;Albanians	Tirana
AM	Armenia;Republic of Armenia	Armenian;Armenians	Yerevan
AO	Angola;Republic of Angola	Angolan;Angolans	Luanda
AQ	Antarctica		
AR	Argentina;Argentine Republic	Argentine;Argentinian;Argentines;Argentinians	Buenos Aires
AS	American Samoa		
AT	Austria;Republic of Austria	Austrian;Austrians	Vienna
AU	Australia	Australian;Australians	Canberra
AW	Aruba		
AX	Åland Islands		
AZ	Azerbaijan;Republic of Azerbaijan	Azerbaijani;Azeri;Azerbaijanis;Azeris	Baku
BA	Bosnia and Herzegovina;Bosnia;Republic of Bosnia and Herzegovina	Bosnian;Bosnians	Sarajevo
BB	Barbados	Barbadian	Bridgetown
BD	Bangladesh;People's Republic of Bangladesh	Bangladeshi;Bangladeshis	Dhaka
BE	Belgium;Kingdom of Belgium	Belgian;Belgians	Brussels
BF	Burkina Faso;Burkina	Burkinabe;Burkinabè	Ouagadougou
BG	Bulgaria;Republic of Bulgaria	Bulgarian;Bulgarians	Sofia
BH	Bahrain;Kingdom of Bahrain	Bahraini;Bahrainis	Manama
BI	Burundi;Republic of Burundi	Burundian;Burundians	Gitega;Bujumbura
BJ	Benin;Republic of Benin	Beninese	Porto-Novo;Cotonou
BL	Saint Barthélemy		
BM	Bermuda		
BN	Brunei;Brunei Darussalam	Bruneian	Bandar Seri Begawan
BO	Bolivia;Plurinational State of Bolivia	Bolivian;Bolivians	La Paz;Sucre
BQ			
BR	Brazil;Federative Republic of Brazil	Brazilian;Brazilians	Brasilia
BS	Bahamas;The Bahamas;Commonwealth of the Bahamas	Bahamian	Nassau
BT	Bhutan;Kingdom of Bhutan	Bhutanese	Thimphu
BV	Bouvet Island		
BW	Botswana;Republic of Botswana	Botswanan;Motswana;Batswana	Gaborone
BY	Belarus;Republic of Belarus	Belarusian;Belarusians;Belarussian	Minsk
BZ	Belize	Belizean	Belmopan
CA	Canada	Canadian;Canadians	Ottawa
CC			
CD	Democratic Republic of Congo;Democratic Republic of the Congo;DR Congo;DRC;Congo-Kinshasa;Congo	Congolese	Kinshasa
CF	Central African Republic;CAR	Central African	Bangui
CG	Republic of the Congo;Congo-Brazzaville;Congo Republic;Congo	Congolese	Brazzaville
CH	Switzerland;Swiss Confederation	Swiss	Bern
CI	Ivory Coast;Cote d'Ivoire;Côte d'Ivoire;Republic of Côte d'Ivoire	Ivorian;Ivorians	Yamoussoukro;Abidjan
CK	Cook Islands		
CL	Chile;Republic of Chile	Chilean;Chileans	Santiago
CM	Cameroon;Republic of Cameroon	Cameroonian;Cameroonians	Yaounde
CN	China;People's Republic of China;PRC;Mainland China	Chinese	Beijing
CO	Colombia;Republic of Colombia	Colombian;Colombians	Bogota
CR	Costa Rica;Republic of Costa Rica	Costa Rican;Costa Ricans	San Jose
CU	Cuba;Republic of Cuba	Cuban;Cubans	Havana
CV	Cape Verde;Cabo Verde;Republic of Cabo Verde	Cape Verdean	Praia
CW	Curaçao;Curaçao		
CX	Christmas Island		
CY	Cyprus;Republic of Cyprus	Cypriot;Cypriots	Nicosia
CZ	Czech Republic;Czechia	Czech;Czechs	Prague
DE	Germany;Federal Republic of Germany	German;Germans	Berlin
DJ	Djibouti;Republic of Djibouti	Djiboutian	
DK	Denmark;Kingdom of Denmark	Danish;Dane;Danes	Copenhagen
DM	Dominica;Commonwealth of Dominica	Dominican	Roseau
DO	Dominican Republic	Dominican;Dominicans	Santo Domingo
DZ	Algeria;People's Democratic Republic of Algeria	Algerian;Algerians	Algiers
EC	Ecuador;Republic of Ecuador	Ecuadorian;Ecuadorean;Ecuadorians	Quito
EE	Estonia;Republic of Estonia	Estonian;Estonians	Tallinn
EG	Egypt;Arab Republic of Egypt	Egyptian;Egyptians	Cairo
EH	Western Sahara		
ER	Eritrea;the State of Eritrea	Eritrean;Eritreans	Asmara
ES	Spain;Kingdom of Spain	Spanish;Spaniard;Spaniards	Madrid
ET	Ethiopia;Federal Democratic Republic of Ethiopia	Ethiopian;Ethiopians	Addis Ababa
FI	Finland;Republic of Finland	Finnish;Finn;Finns	Helsinki
FJ	Fiji;Republic of Fiji	Fijian;Fijians	Suva
FK			
FM	Micronesia;Federated States of Micronesia	Micronesian	Palikir
FO	Faroe Islands		
FR	France;French Republic	French;Frenchman;Frenchwoman;Frenchmen	Paris
GA	Gabon;Gabonese Republic	Gabonese	Libreville
GB	United Kingdom;UK;U.K.;Britain;Great Britain;United Kingdom of Great Britain and Northern Ireland	British;Briton;Britons;Englishman;Englishwoman;Scotsman;Scotswoman;Welshman;Welshwoman	London
GD	Grenada	Grenadian	
GE	Georgia	Georgian;Georgians	Tbilisi
GF	French Guiana		
GG	Guernsey		
GH	Ghana;Republic of Ghana	Ghanaian;Ghanaians	Accra
GI	Gibraltar		
GL	Greenland		
GM	Gambia;The Gambia;Republic of the Gambia	Gambian;Gambians	Banjul
GN	Guinea;Republic of Guinea	Guinean;Guineans	Conakry
GP	Guadeloupe		
GQ	Equatorial Guinea;Republic of Equatorial Guinea	Equatoguinean;Equatorial Guinean	Malabo
GR	Greece;Hellenic Republic	Greek;Greeks;Hellenic	Athens
GS	South Georgia and the South Sandwich Islands		
GT	Guatemala;Republic of Guatemala	Guatemalan;Guatemalans	Guatemala City
GU	Guam		
GW	Guinea-Bissau;Republic of Guinea-Bissau	Bissau-Guinean	Bissau
GY	Guyana;Republic of Guyana	Guyanese	Georgetown
HK	Hong Kong;Hong Kong Special Administrative Region of China		
HM	Heard Island and McDonald Islands		
HN	Honduras;Republic of Honduras	Honduran;Hondurans	Tegucigalpa
HR	Croatia;Republic of Croatia	Croatian;Croatians;Croat;Croats	Zagreb
HT	Haiti;Republic of Haiti	Haitian;Haitians	Port-au-Prince
HU	Hungary	Hungarian;Hungarians	Budapest
ID	Indonesia;Republic of Indonesia	Indonesian;Indonesians	Jakarta
IE	Ireland;Republic of Ireland	Irish;Irishman;Irishwoman	Dublin
IL	Israel;State of Israel	Israeli;Israelis	Jerusalem;Tel Aviv
IM	Isle of Man		
IN	India;Republic of India	Indian;Indians	New Delhi
IO	British Indian Ocean Territory		
IQ	Iraq;Republic of Iraq	Iraqi;Iraqis	Baghdad
IR	Iran;Islamic Republic of Iran	Iranian;Iranians;Persian	Tehran
IS	Iceland;Republic of Iceland	Icelandic;Icelander;Icelanders	Reykjavik
IT	Italy;Italian Republic	Italian;Italians	Rome
JE	Jersey		
JM	Jamaica	Jamaican;Jamaicans	Kingston
JO	Jordan;Hashemite Kingdom of Jordan	Jordanian;Jordanians	Amman
JP	Japan	Japanese	Tokyo
KE	Kenya;Republic of Kenya	Kenyan;Kenyans	Nairobi
KG	Kyrgyzstan;Kyrgyz Republic	Kyrgyz;Kyrgyzstani	Bishkek
KH	Cambodia;Kingdom of Cambodia	Cambodian;Cambodians;Khmer	Phnom Penh
KI	Kiribati;Republic of Kiribati	I-Kiribati	Tarawa
KM	Comoros;Union of the Comoros	Comorian	Moroni
KN	Saint Kitts and Nevis	Kittitian	Basseterre
KP	North Korea;DPRK;Democratic People's Republic of Korea	North Korean;North Koreans	Pyongyang
KR	South Korea;Republic of Korea;ROK;Korea	South Korean;South Koreans;Korean;Koreans	Seoul
KW	Kuwait;State of Kuwait	Kuwaiti;Kuwaitis	Kuwait City
KY	Cayman Islands		
KZ	Kazakhstan;Republic of Kazakhstan	Kazakh;Kazakhstani;Kazakhs	Astana
LA	Laos;Lao PDR;Lao People's Democratic Republic	Lao;Laotian;Laotians	Vientiane
LB	Lebanon;Lebanese Republic	Lebanese	Beirut
LC	Saint Lucia	Saint Lucian	Castries
LI	Liechtenstein;Principality of Liechtenstein	Liechtensteiner	Vaduz
LK	Sri Lanka;Democratic Socialist Republic of Sri Lanka	Sri Lankan;Sri Lankans	Colombo
LR	Liberia;Republic of Liberia	Liberian;Liberians	Monrovia
LS	Lesotho;Kingdom of Lesotho	Basotho;Mosotho	Maseru
LT	Lithuania;Republic of Lithuania	Lithuanian;Lithuanians	Vilnius
LU	Luxembourg;Grand Duchy of Luxembourg	Luxembourgish;Luxembourger	
LV	Latvia;Republic of Latvia	Latvian;Latvians	Riga
LY	Libya	Libyan;Libyans	Tripoli
MA	Morocco;Kingdom of Morocco	Moroccan;Moroccans	Rabat
MC	Monaco;Principality of Monaco	Monegasque	
MD	Moldova;Republic of Moldova	Moldovan;Moldovans	Chisinau
ME	Montenegro	Montenegrin;Montenegrins	Podgorica
MF			
MG	Madagascar;Republic of Madagascar	Malagasy	Antananarivo
MH	Marshall Islands;Republic of the Marshall Islands	Marshallese	Majuro
MK	North Macedonia;Macedonia;Republic of North Macedonia	Macedonian;North Macedonian	Skopje
ML	Mali;Republic of Mali	Malian;Malians	Bamako
MM	Myanmar;Burma;Republic of Myanmar	Myanmar;Burmese	Naypyitaw;Naypyidaw;Yangon
MN	Mongolia	Mongolian;Mongolians	Ulaanbaatar;Ulan Bator
MO	Macao;Macao Special Administrative Region of China		
MP	Northern Mariana Islands;Commonwealth of the Northern Mariana Islands		
MQ	Martinique		
MR	Mauritania;Islamic Republic of Mauritania	Mauritanian;Mauritanians	Nouakchott
MS	Montserrat		
MT	Malta;Republic of Malta	Maltese	Valletta
MU	Mauritius;Republic of Mauritius	Mauritian;Mauritians	Port Louis
MV	Maldives;Republic of Maldives	Maldivian;Maldivians	Male
MW	Malawi;Republic of Malawi	Malawian;Malawians	Lilongwe
MX	Mexico;United Mexican States	Mexican;Mexicans	Mexico City
MY	Malaysia	Malaysian;Malaysians	Kuala Lumpur;Putrajaya
MZ	Mozambique;Republic of Mozambique	Mozambican;Mozambicans	Maputo
NA	Namibia;Republic of Namibia	Namibian;Namibians	Windhoek
NC	New Caledonia		
NE	Niger;Republic of the Niger	Nigerien;Nigeriens	Niamey
NF	Norfolk Island		
NG	Nigeria;Federal Republic of Nigeria	Nigerian;Nigerians	Abuja
NI	Nicaragua;Republic of Nicaragua	Nicaraguan;Nicaraguans	Managua
NL	Netherlands;The Netherlands;Holland;Kingdom of the Netherlands	Dutch;Dutchman;Dutchwoman	Amsterdam;The Hague
NO	Norway;Kingdom of Norway	Norwegian;Norwegians	Oslo
NP	Nepal;Federal Democratic Republic of Nepal	Nepali;Nepalese	Kathmandu
NR	Nauru;Republic of Nauru	Nauruan	Yaren
NU	Niue;Niue		
NZ	New Zealand	New Zealander;New Zealanders	Wellington
OM	Oman;Sultanate of Oman	Omani;Omanis	Muscat
PA	Panama;Republic of Panama	Panamanian;Panamanians	Panama City
PE	Peru;Republic of Peru	Peruvian;Peruvians	Lima
PF	French Polynesia		
PG	Papua New Guinea;Independent State of Papua New Guinea	Papua New Guinean	Port Moresby
PH	Philippines;The Philippines;Republic of the Philippines	Philippine;Filipino;Filipina;Filipinos	Manila
PK	Pakistan;Islamic Republic of Pakistan	Pakistani;Pakistanis	Islamabad
PL	Poland;Republic of Poland	Polish;Poles	Warsaw
PM	Saint Pierre and Miquelon		
PN	Pitcairn		
PR	Puerto Rico		
PS	Palestine;State of Palestine;Palestinian Territories;the State of Palestine	Palestinian;Palestinians	Ramallah
PT	Portugal;Portuguese Republic	Portuguese	Lisbon
PW	Palau;Republic of Palau	Palauan	Ngerulmud
PY	Paraguay;Republic of Paraguay	Paraguayan;Paraguayans	Asuncion
QA	Qatar;State of Qatar	Qatari;Qataris	Doha
RE	Réunion		
RO	Romania	Romanian;Romanians	Bucharest
RS	Serbia;Republic of Serbia	Serbian;Serbians;Serb;Serbs	Belgrade
RU	Russia;Russian Federation	Russian;Russians	Moscow;Kremlin
RW	Rwanda;Rwandese Republic	Rwandan;Rwandans	Kigali
SA	Saudi Arabia;Kingdom of Saudi Arabia	Saudi;Saudis;Saudi Arabian	Riyadh
SB	Solomon Islands	Solomon Islander	Honiara
SC	Seychelles;Republic of Seychelles	Seychellois	Victoria
SD	Sudan;Republic of the Sudan	Sudanese	Khartoum
SE	Sweden;Kingdom of Sweden	Swedish;Swede;Swedes	Stockholm
SG	Singapore;Republic of Singapore	Singaporean;Singaporeans	
SH			
SI	Slovenia;Republic of Slovenia	Slovenian;Slovene;Slovenians	Ljubljana
SJ	Svalbard and Jan Mayen		
SK	Slovakia;Slovak Republic	Slovak;Slovakian;Slovaks	Bratislava
SL	Sierra Leone;Republic of Sierra Leone	Sierra Leonean	Freetown
SM	San Marino;Republic of San Marino	Sammarinese	
SN	Senegal;Republic of Senegal	Senegalese	Dakar
SO	Somalia;Federal Republic of Somalia	Somali;Somalis	Mogadishu
SR	Suriname;Republic of Suriname	Surinamese	Paramaribo
SS	South Sudan;Republic of South Sudan	South Sudanese	Juba
ST	Sao Tome and Principe;Democratic Republic of Sao Tome and Principe	Santomean	Sao Tome
SV	El Salvador;Republic of El Salvador	Salvadoran;Salvadorans;Salvadorean	San Salvador
SX			
SY	Syria;Syrian Arab Republic	Syrian;Syrians	Damascus
SZ	Eswatini;Swaziland;Kingdom of Eswatini	Swazi;Swazis	Mbabane
TC	Turks and Caicos Islands		
TD	Chad;Republic of Chad	Chadian;Chadians	N'Djamena
TF	French Southern Territories		
TG	Togo;Togolese Republic	Togolese	Lome
TH	Thailand;Kingdom of Thailand	Thai	Bangkok
TJ	Tajikistan;Republic of Tajikistan	Tajik;Tajiks;Tajikistani	Dushanbe
TK	Tokelau		
TL	Timor-Leste;East Timor;Democratic Republic of Timor-Leste	Timorese	Dili
TM	Turkmenistan	Turkmen	Ashgabat
TN	Tunisia;Republic of Tunisia	Tunisian;Tunisians	Tunis
TO	Tonga;Kingdom of Tonga	Tongan	Nuku'alofa
TR	Turkey;Turkiye;Republic of Turkey;Türkiye;Republic of Türkiye	Turkish;Turk;Turks	Ankara
TT	Trinidad and Tobago;Trinidad;Republic of Trinidad and Tobago	Trinidadian	Port of Spain
TV	Tuvalu	Tuvaluan	Funafuti
TW	Taiwan;Republic of China	Taiwanese	Taipei
TZ	Tanzania;United Republic of Tanzania	Tanzanian;Tanzanians	Dodoma;Dar es Salaam
UA	Ukraine	Ukrainian;Ukrainians	Kyiv;Kiev
UG	Uganda;Republic of Uganda	Ugandan;Ugandans	Kampala
UM	United States Minor Outlying Islands		
US	United States;United States of America;US;U.S.;USA;U.S.A.;America	American;Americans	Washington
UY	Uruguay;Eastern Republic of Uruguay	Uruguayan;Uruguayans	Montevideo
UZ	Uzbekistan;Republic of Uzbekistan	Uzbek;Uzbeks	Tashkent
VA	Vatican;Holy See;Vatican City	Vatican	
VC	Saint Vincent and the Grenadines	Vincentian	Kingstown
VE	Venezuela;Bolivarian Republic of Venezuela	Venezuelan;Venezuelans	Caracas
VG	British Virgin Islands		
VI	Virgin Islands of the United States		
VN	Vietnam;Viet Nam;Socialist Republic of Vietnam;Socialist Republic of Viet Nam	Vietnamese	Hanoi
VU	Vanuatu;Republic of Vanuatu	Ni-Vanuatu	Port Vila
WF	Wallis and Futuna		
WS	Samoa;Independent State of Samoa	Samoan;Samoans	Apia
YE	Yemen;Republic of Yemen	Yemeni;Yemenis	Sanaa
YT	Mayotte		
ZA	South Africa;Republic of South Africa	South African;South Africans	Pretoria;Cape Town
ZM	Zambia;Republic of Zambia	Zambian;Zambians	Lusaka
ZW	Zimbabwe;Republic of Zimbabwe	Zimbabwean;Zimbabweans	Harare
"""
}
