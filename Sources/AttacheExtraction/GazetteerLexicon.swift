/// General-knowledge gazetteers, kept as data in the package (see `Resources/GAZETTEERS.md` for
/// why they are Swift source rather than bundle files). Nothing here names a particular person.
enum GazetteerData {
    /// Military and police ranks. `Canonical|variant;variant…` (the canonical form is always a variant).
    /// Abbreviations are written with their dots; matching ignores the dots' tokens.
    static let ranks = """
    Field Marshal|Field Marshal;FM
    Marshal|Marshal
    Senior General|Senior General;Sr. Gen.
    General|General;Gen.;Gen;Army General
    Senior Lieutenant General|Senior Lieutenant General;Sr. Lt. Gen.;Senior Lt. Gen.
    Lieutenant General|Lieutenant General;Lt. Gen.;Lt Gen;Lt.-Gen.;Lieut. Gen.;Lieut.-Gen.;LTG;Lt.Gen.
    Colonel General|Colonel General;Col. Gen.;Col Gen;Colonel-General
    Senior Major General|Senior Major General;Sr. Maj. Gen.
    Major General|Major General;Maj. Gen.;Maj Gen;Maj.-Gen.;Major-General;Maj.Gen.
    Brigadier General|Brigadier General;Brig. Gen.;Brig Gen;Brig.-Gen.;Brigadier-General;BG
    Brigadier|Brigadier;Brig.;Brig
    Senior Colonel|Senior Colonel;Sr. Col.;Sr Col
    Colonel|Colonel;Col.;Col
    Lieutenant Colonel|Lieutenant Colonel;Lt. Col.;Lt Col;Lt.-Col.;Lieutenant-Colonel;Lt.Col.
    Senior Lieutenant Colonel|Senior Lieutenant Colonel;Sr. Lt. Col.
    Major|Major;Maj.;Maj
    Senior Major|Senior Major
    Captain|Captain;Capt.;Capt;Cpt.
    Senior Captain|Senior Captain
    First Lieutenant|First Lieutenant;1st Lt.;1st Lieutenant;1Lt
    Second Lieutenant|Second Lieutenant;2nd Lt.;2nd Lieutenant;2Lt
    Senior Lieutenant|Senior Lieutenant;Sr. Lt.
    Lieutenant|Lieutenant;Lt.;Lt;Lieut.
    Warrant Officer|Warrant Officer;WO
    Sergeant Major|Sergeant Major;Sgt. Maj.;Sgt Maj
    Master Sergeant|Master Sergeant;Master Sgt.;MSgt
    Staff Sergeant|Staff Sergeant;Staff Sgt.;SSgt
    Sergeant|Sergeant;Sgt.;Sgt
    Corporal|Corporal;Cpl.;Cpl
    Lance Corporal|Lance Corporal;Lance Cpl.;L/Cpl
    Private|Private;Pvt.;Pte.
    Admiral|Admiral;Adm.;Adm
    Fleet Admiral|Fleet Admiral
    Vice Admiral|Vice Admiral;Vice Adm.;Vice-Admiral;VAdm
    Rear Admiral|Rear Admiral;Rear Adm.;Rear-Admiral;RAdm
    Senior Rear Admiral|Senior Rear Admiral
    Commodore|Commodore;Cdre.
    Navy Captain|Navy Captain
    Lieutenant Commander|Lieutenant Commander;Lt. Cmdr.;Lt Cdr;Lt. Cdr.
    Commander|Cmdr.;Cmdr;Cdr.;Cdr
    Air Chief Marshal|Air Chief Marshal;ACM
    Air Marshal|Air Marshal;AM
    Air Vice Marshal|Air Vice Marshal;AVM;Air Vice-Marshal
    Air Commodore|Air Commodore;Air Cdre.
    Group Captain|Group Captain;Gp. Capt.;Gp Capt
    Wing Commander|Wing Commander;Wg. Cdr.;Wg Cdr
    Squadron Leader|Squadron Leader;Sqn. Ldr.;Sqn Ldr
    Flight Lieutenant|Flight Lieutenant;Flt. Lt.;Flt Lt
    Police General|Police General;Pol. Gen.
    Police Senior Lieutenant General|Police Senior Lieutenant General
    Police Lieutenant General|Police Lieutenant General;Pol. Lt. Gen.
    Police Major General|Police Major General;Pol. Maj. Gen.
    Police Brigadier General|Police Brigadier General;Pol. Brig. Gen.
    Police Colonel|Police Colonel;Pol. Col.
    Police Lieutenant Colonel|Police Lieutenant Colonel;Pol. Lt. Col.
    Police Major|Police Major;Pol. Maj.
    Police Captain|Police Captain;Pol. Capt.
    Police Lieutenant|Police Lieutenant;Pol. Lt.
    Inspector General of Police|Inspector General of Police;IGP
    Commissioner of Police|Commissioner of Police
    Superintendent|Superintendent;Supt.
    Chief Superintendent|Chief Superintendent;Chief Supt.
    Inspector|Inspector;Insp.
    """

    /// Office and title head phrases (lower-case). A role is the phrase as written around them.
    static let titles = """
    minister;deputy minister;vice minister;prime minister;deputy prime minister;vice prime minister;first deputy prime minister
    defence minister;defense minister;deputy defence minister;deputy defense minister;foreign minister;deputy foreign minister
    interior minister;home minister;finance minister;economy minister;trade minister;justice minister;health minister
    minister of defence;minister of defense;minister of national defence;minister of national defense;minister of foreign affairs
    minister of public security;minister of home affairs;minister of the interior;minister of state;state minister
    foreign affairs minister;external affairs minister;secretary of state;secretary of defense;defence secretary;defense secretary;foreign secretary;home secretary
    president;vice president;vice-president;president-elect;prime minister-elect;premier;chancellor;vice chancellor
    king;queen;crown prince;prince;princess;emir;sultan;sheikh;monarch
    ambassador;deputy ambassador;envoy;special envoy;charge d'affaires;chargé d'affaires;high commissioner;consul;consul general;consul-general
    attache;attaché;defence attache;defense attache;defence attaché;defense attaché;military attache;military attaché
    secretary;secretary general;secretary-general;general secretary;permanent secretary;under secretary;undersecretary;deputy secretary
    chief;head;deputy head;deputy chief;chief of staff;chief of general staff;chief of the general staff;chief of defence staff;chief of defense staff
    chief of army staff;chief of naval staff;chief of air staff;chief of the army staff;army chief;navy chief;air force chief;military chief;police chief;security chief;intelligence chief;spy chief
    commander;deputy commander;commander-in-chief;commander in chief;deputy commander-in-chief;supreme commander;force commander;chief commander
    director;deputy director;director general;director-general;managing director;executive director
    spokesman;spokeswoman;spokesperson;press secretary
    governor;deputy governor;mayor;deputy mayor;senator;congressman;congresswoman;lawmaker;legislator;member of parliament;mp;speaker;deputy speaker
    chairman;chairwoman;chairperson;chair;vice chairman;vice-chairman;vice chair;president of the assembly
    leader;opposition leader;party leader;cleric;imam;archbishop;bishop;pope;patriarch
    adviser;advisor;national security adviser;national security advisor;counsellor;counselor;aide
    judge;chief justice;justice;prosecutor;public prosecutor;attorney general;attorney-general;solicitor general
    inspector general;auditor general;commissioner;ombudsman
    coach;head coach;manager;striker;midfielder;goalkeeper;defender;forward;winger;captain;player;footballer;athlete
    translator;photographer;reporter;correspondent;editor;journalist;analyst;researcher;professor;scientist;economist
    officer;official;counterpart;delegate;representative;negotiator;mediator;observer
    """

    /// Words that head an organization name ("… Ministry", "… Army", "… Party").
    static let orgHeads = """
    ministry;department;army;navy;air force;military;forces;force;corps;guard;guards;gendarmerie;police;militia;command;commands
    general staff;joint staff;party;parliament;assembly;senate;congress;council;committee;commission;cabinet;secretariat;presidium;politburo;directorate
    office;bureau;agency;service;services;authority;administration;inspectorate;prosecutor's office;court;tribunal
    embassy;consulate;mission;high commission;delegation
    academy;university;college;institute;school;centre;center;laboratory;hospital;library;prison;penitentiary
    bank;fund;company;corporation;corp;group;holding;holdings;airlines;airways;railways;industries;enterprise;inc;ltd;llc;plc;co;gmbh;jsc;pjsc
    aerospace;aviation;systems;dynamics;technologies;electronics;shipbuilding;shipyard;shipyards;motors
    organisation;organization;association;federation;union;league;alliance;coalition;movement;front;brigade;battalion;regiment;division;fleet;squadron;unit
    club;news;times;post;press;tribune;herald;gazette;television;radio;broadcasting;network;daily;journal;telegraph;observer
    forum;foundation;society;institution;board;network;trust;coast guard;border guard;border service
    """

    /// Capitalized phrase heads that make a sequence a place, an event or a document — never a person.
    static let nonPersonHeads = """
    province;state;district;region;county;city;town;village;municipality;prefecture;governorate;oblast;territory;island;islands;peninsula
    river;sea;ocean;gulf;bay;lake;lakes;mountain;mountains;mount;hill;hills;valley;strait;straits;shoal;reef;canal;desert;coast;border;pass
    stadium;arena;airport;airbase;base;port;harbour;harbor;street;road;avenue;square;palace;hall;grounds;park;gardens;garden;memorial;bridge;dam;tower;building;house
    summit;cup;games;championship;championships;olympics;tournament;final;finals;league;year;day;week;victory;war;battle;revolution;anniversary
    statement;memorandum;agreement;treaty;convention;declaration;accord;accords;protocol;charter;resolution;plan;policy;strategy;initiative;programme;program;vision;act;law;bill;code
    exercise;exercises;drill;drills;operation;exchange;conference;meeting;talks;dialogue;session;congress;festival;expo;show;award;prize;medal;order
    complex;project;film;films;stallion;trophy;pavilion;centre;center;terminal;highway;corridor;railway;pipeline
    station;terminal;railway;metro;flame;cyclone;typhoon;storm;hurricane;earthquake;telecom;telecommunications;aid;relief;friendship;framework;states
    observatory;telescope;temple;pagoda;mosque;church;cathedral;shrine;monument;museum;cemetery;tomb;mausoleum;gate;fort;fortress;castle;market;hotel;zoo;farm;mine;plant;factory
    """

    /// Capitalized words that are never part of a person's name.
    static let nonNameWords = """
    the;a;an;and;or;but;of;in;on;at;to;for;by;with;from;as;after;before;during;while;when;where;which;who;whom;whose;that;this;these;those;there;here
    it;its;he;she;his;her;they;their;them;we;our;us;i;you;your;my;me;him;one;two;three;four;five;six;seven;eight;nine;ten;both;all;each;every;some;many;most;other;another;such
    if;then;than;also;only;just;even;still;yet;so;not;no;nor;however;meanwhile;moreover;furthermore;finally;notably;additionally;likewise;instead;thus;therefore;later;earlier;today;tonight;yesterday;tomorrow
    about;above;across;against;along;amid;among;around;behind;below;beneath;beside;besides;between;beyond;despite;down;inside;into;near;off;onto;out;outside;over;per;since;through;throughout;toward;towards;under;until;upon;via;within;without
    january;february;march;april;may;june;july;august;september;october;november;december;jan;feb;mar;apr;jun;jul;aug;sep;sept;oct;nov;dec
    monday;tuesday;wednesday;thursday;friday;saturday;sunday
    mr;mrs;ms;miss;dr;prof;sir;dame;lord;lady;hon;rt;shri;smt;his;her;excellency;madam;mister;comrade
    photo;photos;file;video;source;reuters;caption;read;more;update;updated;breaking;news;exclusive;editorial;opinion;analysis;translated;reported;report
    government;state;party;people;nation;country;army;military;police;ministry;embassy;president;minister;prime;general;chief;head;deputy;senior;junior;vice;acting;former;new;old
    north;south;east;west;northern;southern;eastern;western;central;upper;lower;greater;great;first;second;third;last;next;final
    international;national;regional;global;world;foreign;domestic;joint;bilateral;multilateral;royal;federal;democratic;republic;kingdom;islamic;socialist;people's;peoples
    asian;african;european;arab;latin;pacific;atlantic;southeast;northeast;southwest;northwest;member;members
    announcing;speaking;addressing;commenting;according;following;citing;responding;referring;noting;adding;welcoming;visiting;receiving;expressing;highlighting;stressing;emphasizing;emphasising;reaffirming;recalling;reiterating;urging;asking;briefing;writing;explaining;describing;mentioning;discussing;concluding;attending;chairing;hosting;leading;congratulating;acknowledging;assuring;insisting;warning;pointing;saying;telling;meeting;despite;amid;unlike;like
    god;allah;islam;muslim;muslims;christian;christians;buddhist;jewish;quran;koran;bible;covid;coronavirus
    science;sciences;technology;marine;fisheries;information;headquarters;logistics;culture;sports;sport;tourism;youth;health;education;finance;justice;interior;trade;industry;agriculture;energy;transport;labour;labor;environment;communications;defence;defense;security;affairs;planning;development;commerce;mines;mining;petroleum;water;housing;works;welfare;treasury;immigration;customs;intelligence;operations;staff;command
    """

    /// Name particles that may stand lower-case inside a name ("bin", "al", "van").
    static let nameParticles = "bin;binti;ibn;bint;al;el;ul;abu;ould;ben;van;von;der;den;de;da;di;du;dos;das;del;della;la;le;lo;mac;ter;ten"

    /// Honorifics that precede a name but are not ranks.
    static let honorifics = "mr;mrs;ms;miss;dr;prof;professor;sir;dame;lord;lady;hon;honourable;honorable;rt;shri;smt;sri;his excellency;her excellency;h.e.;excellency;madam;sheikh;mister;comrade;president-elect;pope;father;reverend;rev;ratu;adi;lyonpo;dasho;datuk;dato;datuk seri;dato seri;seri;tan sri;tun;pehin;pahlawan;dato seri pahlawan;datuk seri panglima;panglima;pengiran;datin;datin seri;toh puan;begum;sayyid;sayed;sayyida"

    /// Heads of state and government, and foreign and defence ministers, of the states most present in
    /// international news, 2020–2025 (general knowledge; the public Phoenix officials list stops in 2014).
    /// `Name|ISO`. Used like that list: only where the text names the official's state.
    static let recentLeaders = """
    Joe Biden|US
    Donald Trump|US
    Kamala Harris|US
    JD Vance|US
    Antony Blinken|US
    Marco Rubio|US
    Lloyd Austin|US
    Pete Hegseth|US
    Jake Sullivan|US
    Justin Trudeau|CA
    Mark Carney|CA
    Melanie Joly|CA
    Emmanuel Macron|FR
    Sebastien Lecornu|FR
    Michel Barnier|FR
    Olaf Scholz|DE
    Friedrich Merz|DE
    Annalena Baerbock|DE
    Boris Pistorius|DE
    Rishi Sunak|GB
    Keir Starmer|GB
    David Cameron|GB
    David Lammy|GB
    Grant Shapps|GB
    John Healey|GB
    Giorgia Meloni|IT
    Pedro Sanchez|ES
    Donald Tusk|PL
    Andrzej Duda|PL
    Viktor Orban|HU
    Mark Rutte|NL
    Ulf Kristersson|SE
    Vladimir Putin|RU
    Sergei Lavrov|RU
    Sergey Lavrov|RU
    Sergei Shoigu|RU
    Andrei Belousov|RU
    Dmitry Peskov|RU
    Maria Zakharova|RU
    Volodymyr Zelensky|UA
    Volodymyr Zelenskyy|UA
    Dmytro Kuleba|UA
    Andrii Sybiha|UA
    Rustem Umerov|UA
    Alexander Lukashenko|BY
    Recep Tayyip Erdogan|TR
    Hakan Fidan|TR
    Benjamin Netanyahu|IL
    Isaac Herzog|IL
    Yoav Gallant|IL
    Israel Katz|IL
    Mahmoud Abbas|PS
    Ebrahim Raisi|IR
    Masoud Pezeshkian|IR
    Ali Khamenei|IR
    Abbas Araghchi|IR
    Hossein Amir-Abdollahian|IR
    Bashar al-Assad|SY
    Ahmed al-Sharaa|SY
    Mohammed bin Salman|SA
    Mohamed bin Zayed|AE
    Tamim bin Hamad Al Thani|QA
    Abdel Fattah el-Sisi|EG
    Abdel Fattah al-Sisi|EG
    Abdelmadjid Tebboune|DZ
    Kais Saied|TN
    Xi Jinping|CN
    Li Qiang|CN
    Wang Yi|CN
    Dong Jun|CN
    Narendra Modi|IN
    Subrahmanyam Jaishankar|IN
    Rajnath Singh|IN
    Shehbaz Sharif|PK
    Imran Khan|PK
    Asim Munir|PK
    Sheikh Hasina|BD
    Muhammad Yunus|BD
    Fumio Kishida|JP
    Shigeru Ishiba|JP
    Yoshimasa Hayashi|JP
    Yoon Suk Yeol|KR
    Lee Jae-myung|KR
    Kim Jong Un|KP
    Kim Yo Jong|KP
    Anthony Albanese|AU
    Penny Wong|AU
    Richard Marles|AU
    Christopher Luxon|NZ
    Prabowo Subianto|ID
    Joko Widodo|ID
    Anwar Ibrahim|MY
    Ferdinand Marcos Jr|PH
    Rodrigo Duterte|PH
    Pham Minh Chinh|VN
    To Lam|VN
    Hun Manet|KH
    Hun Sen|KH
    Min Aung Hlaing|MM
    Srettha Thavisin|TH
    Paetongtarn Shinawatra|TH
    Lawrence Wong|SG
    Lee Hsien Loong|SG
    Lai Ching-te|TW
    Tsai Ing-wen|TW
    Kassym-Jomart Tokayev|KZ
    Shavkat Mirziyoyev|UZ
    Emomali Rahmon|TJ
    Sadyr Japarov|KG
    Ilham Aliyev|AZ
    Nikol Pashinyan|AM
    Luiz Inacio Lula da Silva|BR
    Javier Milei|AR
    Gustavo Petro|CO
    Claudia Sheinbaum|MX
    Andres Manuel Lopez Obrador|MX
    Nicolas Maduro|VE
    Gabriel Boric|CL
    Dina Boluarte|PE
    Jose Raul Mulino|PA
    Cyril Ramaphosa|ZA
    Bola Tinubu|NG
    William Ruto|KE
    Abiy Ahmed|ET
    Hassan Sheikh Mohamud|SO
    Yoweri Museveni|UG
    Paul Kagame|RW
    Felix Tshisekedi|CD
    """

    /// International bodies. `Name|aliases;…|ISO home or empty`.
    static let knownOrganizations = """
    United Nations|UN;U.N.;United Nations Organization|
    UN Security Council|Security Council;UNSC|
    UN General Assembly|General Assembly;UNGA|
    North Atlantic Treaty Organization|NATO;North Atlantic Treaty Organisation|
    Association of Southeast Asian Nations|ASEAN;Association of South East Asian Nations|
    ASEAN Defence Ministers' Meeting|ADMM;ASEAN Defense Ministers' Meeting|
    ADMM-Plus|ADMM Plus|
    ASEAN Regional Forum|ARF|
    European Union|EU;E.U.|
    European Commission|EC|
    European Parliament||
    African Union|AU|
    International Atomic Energy Agency|IAEA|
    International Monetary Fund|IMF|
    World Bank||
    World Trade Organization|WTO;World Trade Organisation|
    World Health Organization|WHO;World Health Organisation|
    World Food Programme|WFP;World Food Program|
    UN Refugee Agency|UNHCR;Office of the United Nations High Commissioner for Refugees|
    UNICEF|United Nations Children's Fund|
    UNESCO||
    UN Development Programme|UNDP|
    Organisation for Economic Co-operation and Development|OECD|
    Organization for Security and Co-operation in Europe|OSCE;Organisation for Security and Co-operation in Europe|
    Organization of American States|OAS|
    Organisation of Islamic Cooperation|OIC;Organization of Islamic Cooperation|
    Arab League|League of Arab States|
    Gulf Cooperation Council|GCC|
    Economic Community of West African States|ECOWAS|
    Southern African Development Community|SADC|
    East African Community|EAC|
    Intergovernmental Authority on Development|IGAD|
    Caribbean Community|CARICOM|
    Mercosur|MERCOSUR|
    Pacific Alliance||
    Bolivarian Alliance for the Peoples of Our America|ALBA;ALBA-TCP|
    Community of Latin American and Caribbean States|CELAC|
    Union of South American Nations|UNASUR|
    Central American Integration System|SICA|
    Pacific Islands Forum|PIF|
    Economic Community of Central African States|ECCAS|
    Common Market for Eastern and Southern Africa|COMESA|
    Eurasian Economic Union|EAEU|
    Organization of Turkic States|Organisation of Turkic States|
    Arctic Council||
    BIMSTEC||
    International Organisation of La Francophonie|OIF;Organisation internationale de la Francophonie|
    Shanghai Cooperation Organisation|SCO;Shanghai Cooperation Organization|
    Collective Security Treaty Organization|CSTO|
    Commonwealth of Independent States|CIS|
    BRICS||
    G7|Group of Seven|
    G20|Group of Twenty|
    Asia-Pacific Economic Cooperation|APEC|
    International Committee of the Red Cross|ICRC|
    International Federation of Red Cross and Red Crescent Societies|IFRC|
    Red Cross||
    Red Crescent||
    International Criminal Court|ICC|
    International Court of Justice|ICJ|
    Interpol|INTERPOL|
    Europol||
    World Economic Forum|WEF|
    Amnesty International||
    Human Rights Watch|HRW|
    Doctors Without Borders|MSF;Medecins Sans Frontieres|
    Organisation for the Prohibition of Chemical Weapons|OPCW|
    UN Human Rights Council|UNHRC;Human Rights Council|
    MINUSCA||
    MONUSCO||
    UNIFIL||
    FIFA||
    International Olympic Committee|IOC|
    Asian Football Federation|AFF;ASEAN Football Federation|
    Associated Press|AP|US
    United Press International|UPI|US
    Agence France-Presse|AFP|FR
    Reuters||GB
    Xinhua|Xinhua News Agency|CN
    Vietnam News Agency|VNA|VN
    Bernama||MY
    TASS||RU
    RIA Novosti|RIA|RU
    Interfax||RU
    Anadolu Agency|Anadolu|TR
    Kyodo|Kyodo News|JP
    Jiji Press|Jiji|JP
    NHK|Japan Broadcasting Corporation|JP
    Ukrinform||UA
    BelTA|Belarusian Telegraph Agency|BY
    Kazinform||KZ
    Azertac|AZERTAC|AZ
    Armenpress||AM
    Sputnik||RU
    RIA Novosti|RIA|RU
    Kuwait News Agency|KUNA|KW
    Oman News Agency||OM
    Syrian Arab News Agency|SANA|SY
    WAFA|Wafa|PS
    Al Jazeera|Al-Jazeera|QA
    Al Arabiya|Al-Arabiya|SA
    Asian News International|ANI|IN
    Indo-Asian News Service|IANS|IN
    Associated Press of Pakistan||PK
    Agerpres||RO
    Getty Images|Getty|US
    Shutterstock||US
    Yonhap|Yonhap News Agency|KR
    Korean Central News Agency|KCNA|KP
    Islamic Republic News Agency|IRNA|IR
    Tasnim||IR
    Fars||IR
    Press Trust of India|PTI|IN
    Antara||ID
    Philippine News Agency|PNA|PH
    Saudi Press Agency|SPA|SA
    WAM|Emirates News Agency|AE
    Qatar News Agency|QNA|QA
    Bahrain News Agency|BNA|BH
    Middle East News Agency|MENA|EG
    Kenya News Agency|KNA|KE
    Lao News Agency|KPL|LA
    Agencia EFE|EFE|ES
    European Pressphoto Agency|EPA|DE
    EPA-EFE||
    Deutsche Presse-Agentur|dpa;DPA|DE
    ANSA||IT
    BBC|British Broadcasting Corporation|GB
    CNN||US
    Al Jazeera||QA
    Al Arabiya||SA
    Bloomberg||US
    The New York Times|New York Times|US
    The Washington Post|Washington Post|US
    BBC News|BBC World Service|GB
    The Guardian||GB
    The Times||GB
    Financial Times||GB
    The Economist||GB
    Sky News||GB
    The Telegraph|Daily Telegraph;The Daily Telegraph|GB
    Deutsche Welle|DW|DE
    Der Spiegel|Spiegel|DE
    France 24||FR
    Le Monde||FR
    Radio France Internationale|RFI|FR
    Euronews||FR
    Radio Free Europe/Radio Liberty|RFE/RL;Radio Free Europe|US
    Voice of America|VOA|US
    NBC News||US
    CBS News||US
    Fox News||US
    NPR|National Public Radio|US
    Politico||US
    Axios||US
    The Wall Street Journal|Wall Street Journal;WSJ|US
    USA Today||US
    Los Angeles Times||US
    CNBC||US
    Breitbart|Breitbart News|US
    Newsweek||US
    Al Mayadeen||LB
    Daily Sabah||TR
    Hurriyet Daily News|Hurriyet;Hürriyet|TR
    TRT World|TRT|TR
    Press TV||IR
    Mehr News Agency|Mehr|IR
    The Times of Israel|Times of Israel|IL
    Haaretz||IL
    The Jerusalem Post|Jerusalem Post|IL
    Arab News||SA
    Asharq Al-Awsat||SA
    Gulf News||AE
    Khaleej Times||AE
    The Times of India|Times of India|IN
    Hindustan Times||IN
    The Hindu||IN
    The Indian Express|Indian Express|IN
    NDTV||IN
    The Economic Times|Economic Times|IN
    India Today||IN
    Geo News||PK
    The Express Tribune|Express Tribune|PK
    Dhaka Tribune||BD
    Prothom Alo||BD
    South China Morning Post|SCMP|HK
    Global Times||CN
    China Daily||CN
    CGTN|China Global Television Network|CN
    People's Daily||CN
    CCTV|China Central Television|CN
    Nikkei Asia|Nikkei|JP
    The Japan Times|Japan Times|JP
    Asahi Shimbun|Asahi|JP
    Mainichi Shimbun|Mainichi|JP
    Yomiuri Shimbun|Yomiuri|JP
    The Korea Herald|Korea Herald|KR
    The Korea Times|Korea Times|KR
    JoongAng Daily|JoongAng|KR
    Chosun Ilbo||KR
    The Straits Times|Straits Times|SG
    Channel NewsAsia|CNA|SG
    Bangkok Post||TH
    The Jakarta Post|Jakarta Post|ID
    Kompas||ID
    Philippine Daily Inquirer|Inquirer|PH
    Rappler||PH
    GMA News||PH
    VnExpress||VN
    Tuoi Tre||VN
    Thanh Nien||VN
    Nhan Dan||VN
    Khmer Times||KH
    Phnom Penh Post||KH
    The Irrawaddy|Irrawaddy|MM
    Vientiane Times||LA
    The Sydney Morning Herald|Sydney Morning Herald|AU
    The Kyiv Independent|Kyiv Independent|UA
    Kyiv Post||UA
    Ukrainska Pravda||UA
    Interfax-Ukraine||UA
    RT|Russia Today|RU
    Izvestia||RU
    Kommersant||RU
    Novaya Gazeta||RU
    MercoPress||UY
    Euro Weekly News||ES
    El País|El Pais|ES
    Clarín|Clarin|AR
    Folha de S.Paulo|Folha|BR
    O Globo||BR
    El Universal||MX
    La Jornada||MX
    El Tiempo||CO
    Nation Africa|Daily Nation|KE
    The EastAfrican||KE
    Premium Times||NG
    Daily Maverick||ZA
    News24||ZA
    Addis Standard||ET
    Garowe Online||SO
    Hiiraan Online||SO
    Trend News Agency|Trend|AZ
    MENAFN|Middle East North Africa Financial Network|JO
    Facebook||US
    Twitter||US
    Instagram||US
    YouTube||US
    Google||US
    Microsoft||US
    WhatsApp||US
    Telegram||AE
    TikTok||CN
    Huawei||CN
    Samsung||KR
    Boeing||US
    Airbus||FR
    Lockheed Martin||US
    Raytheon||US
    Rosoboronexport||RU
    Gazprom||RU
    Rosatom||RU
    Real Madrid||ES
    FC Barcelona||ES
    Atletico Madrid||ES
    Manchester United||GB
    Manchester City||GB
    Arsenal||GB
    Tottenham|Tottenham Hotspur|GB
    Bayern Munich||DE
    Borussia Dortmund||DE
    Paris Saint-Germain|PSG|FR
    Juventus||IT
    Inter Milan||IT
    AC Milan||IT
    Napoli||IT
    Ajax||NL
    Benfica||PT
    Boca Juniors||AR
    River Plate||AR
    Al Hilal||SA
    Al Nassr||SA
    Inter Miami||US
    """

    /// A state's own bodies whose names carry no state word (general knowledge): armed forces, security and
    /// intelligence services, legislatures. `Name|aliases;…|ISO home`. They act for their state in events and
    /// give their state to the people who serve them ("spokesperson for the People's Liberation Army").
    static let nationalBodies = """
    People's Liberation Army|PLA;Peoples Liberation Army|CN
    State Department|US State Department;U.S. State Department;Department of State|US
    People's Liberation Army Navy|PLA Navy;PLAN|CN
    People's Liberation Army Air Force|PLA Air Force;PLAAF|CN
    People's Liberation Army Rocket Force|PLA Rocket Force|CN
    People's Armed Police|PAP|CN
    Central Military Commission||CN
    National People's Congress|NPC|CN
    Tatmadaw||MM
    Bundeswehr||DE
    Bundestag||DE
    Islamic Revolutionary Guard Corps|IRGC;Revolutionary Guards;Revolutionary Guard Corps|IR
    Quds Force||IR
    Central Intelligence Agency|CIA|US
    Federal Bureau of Investigation|FBI|US
    Mossad||IL
    Shin Bet||IL
    Knesset||IL
    Federal Security Service|FSB|RU
    Foreign Intelligence Service|SVR|RU
    State Duma|Duma|RU
    Inter-Services Intelligence|ISI|PK
    Research and Analysis Wing|R&AW|IN
    Lok Sabha||IN
    Rajya Sabha||IN
    Verkhovna Rada||UA
    Sejm||PL
    MI6|Secret Intelligence Service|GB
    MI5||GB
    """

    /// Acronyms and capitalized words that look like organizations but are not.
    static let nonOrgAcronyms = """
    GDP;GNP;GNI;CPI;FDI;ODA;VAT;PMI;IPO;CEO;CFO;COO;CTO;MP;MPs;PM;AM;GMT;UTC;BST;EST;PST;CET;ICT;KM;KG;MW;GW;KW;MB;GB;TB;TV;ID;IDs;OK;UAV;UAVs;IED;IEDs;MRAP;APC;APCs;IFV;IFVs;ICBM;ICBMs;SAM;SAMs
    INS;USS;HMS;HMAS;HMCS;COVID;HIV;AIDS;SARS;MERS;DNA;LNG;LPG;CO2;NGO;NGOs;IGO;POW;POWs;VIP;VIPs;Q1;Q2;Q3;Q4;H1;H2;FY;YoY;USD;EUR;GBP;JPY;CNY;VND;US$;S$;A$;HK$;PDR;II;III;IV;VI;VII;VIII;IX;XI;XII;AD;BC;CE;BCE;PhD;MoU;MOU;FTA;EEZ;LoC;LAC;DMZ;WWII;WWI;ASAP;FAQ;PDF;URL;RSS;SMS;GPS;AI;IT;ICT;PR;HR;RSS
    PHOTO;PHOTOS;FILE;VIDEO;UPDATE;BREAKING;EXCLUSIVE;WATCH;READ;EDITORIAL;ANALYSIS;OPINION;SUV;SUVs;VAR;KPH;MPH;HE;HH;HRH;HM;SAU;SPH
    """

    /// Phrases that contain a country word but are not a mention of the state, or are named
    /// things (places, events) that must not become persons or organizations.
    static let nonEntityPhrases = """
    South China Sea;East China Sea;China Sea;Sea of Japan;Persian Gulf;Arabian Sea;Arabian Gulf;Gulf of Mexico;Gulf of Oman;Gulf of Aden;Gulf of Guinea;Indian Ocean;Red Sea;Black Sea;Caspian Sea;Mediterranean;Baltic Sea
    Western Hemisphere;Eastern Europe;Western Europe;Central Asia;Southeast Asia;South Asia;East Asia;Middle East;Latin America;South America;North America;Central America;Horn of Africa;Sub-Saharan Africa;West Africa;East Africa;North Africa;Southern Africa;Asia-Pacific;Indo-Pacific;Great Lakes;West Bank;Guard of Honour;Guard of Honor;Honour Guard;Honor Guard;Tri-Service Guard of Honour;Gaza Strip;Korean Peninsula
    Copa America;Copa América;World Cup;FIFA World Cup;AFF Cup;Asian Cup;Africa Cup of Nations;Olympic Games;Olympics;Asian Games;SEA Games;Champions League;Premier League;Ballon d'Or;Grand Prix
    Oval Office;Situation Room;Rose Garden;Cabinet Room
    New Mexico;New Guinea;Guinea pig;Turkey Creek;Georgia Tech;Jordan River;Mexico City;Panama Canal;Kuwait City;Guatemala City;Panama City;Vatican City
    """

    /// Reporting verbs (a capitalized name before them is a person's subject).
    static let reportingVerbs = "said;says;say;told;tells;added;adds;noted;notes;stated;states;wrote;writes;announced;announces;stressed;stresses;emphasized;emphasised;affirmed;affirms;highlighted;underlined;underscored;explained;insisted;warned;urged;asked;claimed;argued;confirmed;commented;remarked;recalled;reiterated;expressed;thanked;praised;welcomed;hailed;commended;appreciated;pledged;promised;met;visited;attended;received;held;signed;spoke;speaks;tweeted;posted;replied;responded;declared;vowed;threatened;assured;mentioned;observed;concluded;acknowledged;admitted;denied;rejected;condemned;criticised;criticized;accused;called;demanded;reaffirmed;engaged;inspected;paid;led;leads;came;went;ran;scored;appeared;looked;celebrated;joined;sent;has;had;is;was;will;would"
}
