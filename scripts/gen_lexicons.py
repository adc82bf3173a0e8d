#!/usr/bin/env python3
"""Generate Sources/AttacheExtraction/PublicLexicons.swift from the public event-coding dictionaries.

Inputs (read from $SHARED, default <repo>/../shared; never modified):
  lexicons/phoenix/Phoenix.agents.txt                 (MIT, Open Event Data Alliance)
  lexicons/phoenix/Phoenix.International.actors.txt   (MIT)
  lexicons/phoenix/Phoenix.MilNonState.actors.txt     (MIT; TOPS non-state war actors, 2013)
  lexicons/phoenix/Phoenix.Countries.actors.txt       (MIT; compiled January 2014)
  lexicons/phoenix/Phoenix.discards.txt               (MIT)
  lexicons/phoenix/Phoenix.IssueCoding.txt            (MIT; only its one-word [NAMED_TERROR_GROUP] names)
  lexicons/phoenix/CAMEO.2.0.txt                      (MIT)
  lexicons/phoenix/LICENSE                            (copied into the generated header)
  lexicons/CAMEO2PLOVER-2021.txt                      (CC BY-SA 4.0, PLOVER project)
  eval/iso3_to_iso2.json                              (CAMEO/ISO alpha-3 -> ISO alpha-2)

Usage:
  python3 scripts/gen_lexicons.py            # write the Swift file
  python3 scripts/gen_lexicons.py --check    # exit 1 (with a diff summary) if the file is stale
  python3 scripts/gen_lexicons.py --stdout   # print the generated Swift instead of writing it
  python3 scripts/gen_lexicons.py --stats    # also print entry counts and what was skipped

Output is deterministic: every table is sorted and deduplicated, and nothing depends on the
machine, the date or the current directory.

Tables and the choices made (also summarised in the generated header):

agents  `phrase;plural;...|SECTOR|secondary`
  * One line per dictionary entry: its noun phrase(s) and their plurals (lowercase, words
    joined by single spaces), the first being the singular as written. The code `~GOVMED`
    gives sector GOV and secondary MED; `IGO~` gives IGO. The primary 3-letter code must be a
    sector (GOV MIL COP JUD LEG OPP PTY BUS MED EDU HLH REL REF LAB NGO IGO CVL SPY REB CRM UAF
    AGR DEV ENV HRI ELI IMG RAD PPL); the religion codes (BUD CHR MUS JEW HIN ...) are mapped to
    REL. Other codes are dropped.
  * Plurals: an entry ending in `_` gets none; an entry with `{...}` gets exactly the forms
    listed there (`{}` = none); otherwise the regular plural (s; es after
    s/x/z/ch/sh; ies after consonant+y; -man -> -men except human, german, ...; none when the
    noun already ends in s but not ss/us/is, i.e. is already plural: "armed forces").
    Entries built from a `!SET!` substitution are expanded
    over the set's members as the file defines them (`!MINIST!` = MINISTER, MINISTERS, MINISTRY,
    MINISTRIES; `!PERSON!` = MAN, MEN, WOMAN, WOMEN, PERSON) and get no further plural, since the
    sets already list their plural members. In a phrase with a preposition the noun before the
    first preposition takes the plural ("departments of commerce"; PETRARCH2 only pluralises the
    last word, which the agents file lists as a known problem), and a phrase ending in a
    non-letter ("1st lt.") gets none.
  * Skipped: commented-out entries, entries without a code, entries with non-ASCII text (these
    are mis-encoded in the source file). When a phrase occurs twice, the first entry in file
    order wins.

internationalBodies / ngos / companies  `Name|alias;alias|CC`  (one table per KIND)
  * Entries of Phoenix.International.actors.txt with their `+` synonym lines. KIND is IGO when
    a code is UNO or starts with IGO, else NGO when one starts with NGO, else MNC when one
    starts with MNC (first matching code in entry order). CC is the ISO alpha-2 code of the
    three letters after NGO/MNC when they are a state code in iso3_to_iso2.json, else empty.
  * Entries with a dated code or an ELI code are skipped: in this file those are office-holders
    (people), not bodies.
  * A name or alias is kept only if it has >= 2 words, or is one token of >= 2 letters that is
    an acronym: it contains a dot or a digit, or has no vowel, or is two capitals (UN, EU), or
    is at most 6 letters and is not a word of the English vocabulary gathered from the agents,
    the verb lines and synonym sets of the verb dictionary, and the discards (so "COUNCIL",
    "NGO" go; "RED" would). For IGO and NGO entries a multi-word name must also contain an
    organisation word (ORG_WORDS below: Organization, Union, Council, Bank, Fund, ...): the
    undated entries without one are people ("Catherine Ashton"). Companies have no such filter,
    so an undated person filed as MNC would remain. An entry whose names are all dropped is
    skipped.
  * Readable name: underscores become spaces; a token stays upper-case when it is written in
    capitals and is a one-token name elsewhere in the file that passes the acronym rule (NATO,
    ASEAN), or has a dot or digit, or no vowel, or 2 letters (UN, EU) and is not a short function word (of, the,
    and, for, on, in, to, at, de, la, du, des, et); function words are lower-case except
    first; other tokens are title-cased; parts around - and / are treated separately (the
    two-letter rule applies to whole tokens only). Aliases are written the same way.
    Duplicates (same readable name, same kind) are merged.

discards  `phrase|scope`
  * Lowercased phrases; scope is `story` for lines marked `+` (the file's header: story-level
    discards) and `sentence` otherwise. Comments after `#` are removed.

verbForms  `lemma|form;form;...`
  * Only lemmas whose forms differ from the regular rule are listed; PublicLexicons.regularForms
    (generated below, same rule) gives the others. For each verb line of CAMEO.2.0.txt: if `{...}` lists forms, the lemma and exactly those
    forms; otherwise the regular -s/-ed/-ing forms (es after s/x/z/ch/sh, ies/ied after
    consonant+y, -d and e-dropping -ing after a final e; no consonant doubling, which the file
    spells out in `{...}` where it matters). Multi-word verbs (`+CALL_OFF`) are inflected on
    their first word. Lemmas are lowercase with spaces.

verbSynsets  `NAME|member;member`
  * The `&NAME` synonym sets of CAMEO.2.0.txt that the kept patterns use. A member gets its
    regular plural (the agents' rule) unless it or the set name ends with `_` or it already
    looks plural; the file's own note on &CURRENCY ("some of these are probably already
    plural") says members are pluralised. Patterns naming a set
    the file does not define (&WEATHER, &FIGHT_GAMES, ...) are skipped.

verbTriggers  `TYPE|mode|lemma;lemma|pattern|cameo|dir`
  * One line per (type, mode, pattern, CAMEO code, direction) with all the verb lemmas it
    applies to; PublicLexicons.verbTriggerList has one VerbTrigger per lemma, its forms and the
    pattern with each `&NAME` expanded to the set's members (the text keeps `&NAME` to stay
    small: expanding in the text multiplied the table to ~54,000 lines, 3.5 MB).
  * Bare verbs: each verb of a block with its own code, else the block's code, gives pattern `*`.
  * Pattern lines `- ... [code]`: pattern words are the literal words with `*` (the verb) kept,
    `$` (source) and `+` (target) markers kept, parentheses and braces removed (their words kept
    as plain words), other markers (`^`, `%`) removed, and `&SYNSET` expanded to each member
    (at parse time, see verbSynsets).
  * A pattern applies to the verb named first in its trailing comment (the dictionary records
    the verb each pattern came from): that word as a verb of the block or one of its forms, else
    as a verb or form anywhere in the dictionary (a few patterns were filed under a neighbouring
    block: "CONCLUDE * TOUR" under CANCEL). A comment word that is no verb of the dictionary drops
    the pattern (24 lines, nearly all naming URGE, which has no verb line, with CAMEO 02 codes); a
    pattern without a comment (47) applies to every verb of its block. PETRARCH2 applies every
    pattern to every verb of the block; we do not, since that yields pairings the coders never
    wrote ("position demonstration").
  * `[A:B]` pairs are read as TABARI/PETRARCH2 paired events: A is coded source->target and B
    target->source (so `- * (BEFORE COURT) [:173]` under APPEAR: the court acts on the subject;
    `- * (TO) [042:043]` under RUSH: a visit one way, hosting it the other). We emit A with dir `fwd` and B with dir `rev`; `[A:A]` gives one line with
    dir `mutual`; `[:B]` gives only the `rev` line. Single codes have dir `fwd`.
  * CAMEO codes map through CAMEO2PLOVER-2021.txt (a code not in the table falls back to its
    3-digit parent). Dropped: `[---]`, CAMEO roots 01 and 02, codes with no PLOVER type.
    Overrides from PLOVER.md section 6 / section 4: 163 -> SANCTION discontinue; 055 -> CONCEDE;
    057 -> SUPPORT; and, beyond section 6, 116 (find guilty) -> SANCTION convict (PLOVER.md
    section 4: "A conviction is SANCTION convict"; the 2021 table says ACCUSE).
  * Modes are the table's, trimmed, and kept only if PLOVER.md lists them for the type
    (`assassinate` becomes `targeted`, as PLOVER.md says); other modes (ease, return, ban,
    political, pro_autocracy, seize under ASSAULT, massacre, cleansing) become empty.
  * Skipped: the TRANSFORMATIONS section (rules over whole clauses, not vocabulary), and pattern
    lines with non-ASCII text. `--stats` prints the counts of everything skipped.

officials  `name|CC`
  * People of Phoenix.Countries.actors.txt. The file is organised by state: the state's entry
    (names, adjectives, cities, all with the bare undated state code `[AFG]`), then its
    institutions (undated codes with a sector: `[CHNMIL]`, `[USAGOVLEG]`), then its office-holders,
    generated from CountryInfo.txt (marked `# CountryInfo.txt`) or added by hand, each with dated
    codes: `[CHNGOV >20121115]`, `[AFGELI 620101-780427]`. So an entry is a PERSON when at least
    one of its codes is dated and has a sector after the state (GOV, ELI, MIL, ... also after a
    territory code: `GBRVGBGOV`). Dated codes without a sector (`[DEU >19901003]`) or with a
    state-in-state part (`USRARM`, `ARMUNR`, `ESTOCC`) are states over time, not people. The few
    dated bodies (a party, an assembly) are dropped by name: an entry whose name has an
    organisation word (ORG_WORDS without UN/EU/NATO/INC/LTD, which are also name syllables, plus
    PARTY and ARMY) is skipped. Undated hand-added entries (`BASHAR_AL-ASSAD [SYRGOV]`) cannot be
    told from institutions and are not read (most of those people also have a dated entry).
  * State: the first three letters of the most recent dated code (latest end, an open `>` end
    being the latest; then latest start) among the codes whose alpha-3 maps to alpha-2 in
    iso3_to_iso2.json (so `IGOUNOIAE` is skipped, and so are KSV, TMP, DDR, SUN, KNT, which have
    no alpha-2 there); with no such dated code, the person's only mapped undated state code.
    Dates: YYYYMMDD, or YYMMDD with yy < 30 read as 20yy.
  * Only officials: the chosen code must have a government sector: GOV (with any secondary:
    GOVBUS, GOVAGR, ... are ministers), MIL, COP, JUD, LEG or SPY. People whose latest code is
    ELI (elites: former officials, party figures), OPP, REB and the like are dropped; the filter
    keeps the table at ~400 KB (about 420 KB without it).
  * Names: the entry's name and its `+` synonyms, ASCII-folded (NFD, combining marks dropped,
    FOLD_EXTRA for the rest: "ERDOĞAN" -> erdogan; the extractor's Fold does the same), lowercase,
    `_` and `-` read as spaces, single spaces. Dropped: names of one word (too ambiguous), names
    with mis-encoded or non-Latin letters, aliases with an organisation word or ending in
    administration/government/regime/... ("THE_OBAMA_ADMINISTRATION"). Names made only of
    common English words are NOT dropped: the cheap vocabulary at hand (agents, verbs, discards)
    also holds first names and would drop "John Major", "James Michel". A name given to
    people of different states is ambiguous and dropped.

Size: the generated file is about 860 KB, mostly officials (~400 KB), agents (~110 KB),
companies (~105 KB; the Phoenix MNC list is largely a listing of US-quoted companies) and
verbTriggers (~150 KB). It compiles in a few seconds: nine multi-line string literals parsed on
first use.
"""

import argparse
import difflib
import json
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_REL = os.path.join("Sources", "AttacheExtraction", "PublicLexicons.swift")

SECTORS = set("GOV MIL COP JUD LEG OPP PTY BUS MED EDU HLH REL REF LAB NGO IGO CVL SPY REB CRM UAF "
              "AGR DEV ENV HRI ELI IMG RAD PPL".split())
RELIGIONS = set("BUD CHR MUS JEW HIN CTH PRO MAR ORT SHI SUN SFI ALE DRZ ATH BAH CON JAN ZRO "
                "SIK TAO SHN HSD ITH MOS".split())
PREPOSITIONS = set("of for on in to at with from against by".split())
FUNCTION_WORDS = set("of the and for on in to at de la du des et".split())
VOWELS = set("AEIOU")

VALID_MODES = {
    "AGREE": set(), "SUPPORT": set(), "CONCEDE": set(), "COOPERATE": set(), "AID": set(),
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"},
}
MODE_RENAMES = {"assassinate": "targeted"}
OVERRIDES = {  # PLOVER.md section 6 (and section 4 for 116)
    "163": ("SANCTION", "discontinue"),
    "055": ("CONCEDE", ""),
    "057": ("SUPPORT", ""),
    "116": ("SANCTION", "convict"),
}


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def is_ascii(s):
    return all(ord(c) < 128 for c in s)


def norm_phrase(s):
    """`FOREIGN_MINISTER` / `foreign  minister` -> `foreign minister`."""
    return " ".join(s.replace("_", " ").lower().split())


NOT_MAN = set("human german roman shaman talisman caiman ottoman".split())


def plural(word):
    """Regular plural of a noun, or None when it already looks plural (ends in s but not
    ss/us/is, or in -men) or is a single letter."""
    w = word.lower()
    if len(w) < 2 or w.endswith("men") or (w.endswith("s") and not w.endswith(("ss", "us", "is"))):
        return None
    if w.endswith("man") and len(w) > 3 and w not in NOT_MAN:
        return w[:-3] + "men"
    if re.search(r"(s|x|z|ch|sh)$", w):
        return w + "es"
    if re.search(r"[^aeiou]y$", w):
        return w[:-1] + "ies"
    return w + "s"


# ---------------------------------------------------------------- agents

def sector_of(code):
    code = code.strip()
    if code.endswith("~"):
        body = code[:-1]
    elif code.startswith("~"):
        body = code[1:]
    else:
        return None
    if len(body) < 3:
        return None
    primary, secondary = body[:3], body[3:6]
    if primary in RELIGIONS:
        primary = "REL"
    if primary not in SECTORS:
        return None
    if secondary in RELIGIONS:
        secondary = "REL"
    if secondary and secondary not in SECTORS:
        secondary = ""
    if secondary == primary:
        secondary = ""
    return primary, secondary


def gen_agents(text, stats):
    subs = {}
    out = {}
    seen = set()
    skipped = {"nocode": 0, "nonascii": 0, "notsector": 0}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        line = line.split("#", 1)[0].strip()
        cm = re.search(r"\[([^\]\}]*)[\]\}]", line)
        if not cm:
            skipped["nocode"] += 1
            continue
        code = cm.group(1)
        head = line[: cm.start()]
        forms_m = re.search(r"\{([^}]*)\}", head)
        listed = None
        if forms_m:
            listed = forms_m.group(1).split()
            head = head[: forms_m.start()]
        head = "_".join(head.split())
        if not is_ascii(head) or not head:
            skipped["nonascii"] += 1
            continue
        sec = sector_of(code)
        if sec is None:
            skipped["notsector"] += 1
            continue
        phrases = []
        sm = re.search(r"![A-Z]+!", head)
        if sm and sm.group(0) in subs:
            for member in subs[sm.group(0)]:
                phrases.append(norm_phrase(head.replace(sm.group(0), member)))
        elif sm:
            skipped["nocode"] += 1
            continue
        else:
            base = head
            phrases.append(norm_phrase(base))
            if listed is not None:
                phrases.extend(norm_phrase(x) for x in listed)
            elif not base.endswith("_") and re.search(r"[a-z]$", norm_phrase(base)):
                words = norm_phrase(base).split(" ")
                prep = [i for i, w in enumerate(words) if w in PREPOSITIONS and i > 0]
                head = prep[0] - 1 if prep else len(words) - 1
                pl = plural(words[head])
                if pl:
                    words[head] = pl
                    phrases.append(" ".join(words))
        kept = []
        for p in phrases:
            if p and p not in seen:
                seen.add(p)
                kept.append(p)
        if kept:
            out.setdefault(kept[0], [sec, []])
            out[kept[0]][1].extend(kept[1:])
    stats["agents_skipped"] = skipped
    stats["agents_phrases"] = len(seen)
    lines = []
    for p, (sec, more) in sorted(out.items()):
        lines.append(f"{';'.join([p] + more)}|{sec[0]}|{sec[1]}")
    return lines


# ---------------------------------------------------------------- vocabulary

def english_vocabulary(agents_text, cameo_text, discards_text):
    """Ordinary English words: the agents' nouns, the verb dictionary's verb lines and synonym-set
    members (not its pattern lines, which also name bodies such as UN or NATO), the discards."""
    vocab = set()
    cameo_lines = [l for l in cameo_text.splitlines() if not l.lstrip().startswith("-")]
    for lines in (agents_text.splitlines(), cameo_lines, discards_text.splitlines()):
        for line in lines:
            line = line.split("#", 1)[0]
            line = re.sub(r"\[[^\]]*\]", " ", line)
            for w in re.findall(r"[A-Za-z]+", line):
                vocab.add(w.upper())
    return vocab


# ---------------------------------------------------------------- international bodies

def parse_actor_entries(text):
    """Yield (name, aliases, codes) from an actors file; codes are raw bracket contents."""
    entries = []
    cur = None
    for raw in text.splitlines():
        if raw.strip().startswith("#"):
            continue
        line = raw.split("#", 1)[0]
        if not line.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", line)
        # the name is what precedes the first code; text after the codes is an uncommented
        # note in some lines ("[MNCHLH]\tOther Consumer Services\t$991,000,000")
        rest = (line[: line.index("[")] if codes else line).strip()
        if raw[:1] in (" ", "\t") or (not rest and codes):
            if cur is not None:
                cur[2].extend(codes)
            continue
        if rest.startswith("+"):
            if cur is not None:
                cur[1].append("_".join(rest[1:].split()))
                cur[2].extend(codes)
            continue
        cur = ["_".join(rest.split()), [], list(codes)]
        entries.append(cur)
    return entries


def is_acronym_token(tok, vocab):
    letters = re.sub(r"[^A-Za-z]", "", tok)
    if len(letters) < 2:
        return False
    if "." in tok or re.search(r"\d", tok):
        return True
    up = letters.upper()
    if not (set(up) & VOWELS) or (len(up) == 2 and tok == tok.upper()):
        return True
    return len(up) <= 6 and up not in vocab and tok == tok.upper()


def readable(name, acronyms):
    toks = [t for t in name.replace("_", " ").split() if t]
    out = []

    def part(p, whole):
        letters = re.sub(r"[^A-Za-z]", "", p)
        if p == p.upper() and letters and (p in acronyms or "." in p or re.search(r"\d", p)
                                           or not (set(letters.upper()) & VOWELS)
                                           or (whole and len(letters) == 2 and p.lower() not in FUNCTION_WORDS)):
            return p.upper()
        return re.sub(r"[A-Za-z][A-Za-z']*", lambda m: m.group(0)[:1].upper() + m.group(0)[1:].lower(), p)

    for i, t in enumerate(toks):
        if t.lower() in FUNCTION_WORDS and i > 0:
            out.append(t.lower())
        elif t in acronyms:
            out.append(t.upper())
        else:
            # hyphen and slash parts separately: "EC/UNFPA", "Secretary-General"
            parts = re.split(r"([-/])", t)
            out.append("".join(part(p, len(parts) == 1) if p not in "-/" else p for p in parts))
    return " ".join(out)


ORG_WORDS = set("""ORGANIZATION ORGANISATION ORGANIZATIONS ORGANISATIONS UNION COUNCIL BANK FUND AGENCY
COMMISSION COURT COMMUNITY LEAGUE PARLIAMENT TREATY ASSOCIATION ALLIANCE FORUM GROUP PROGRAMME
PROGRAM OFFICE AUTHORITY COMMITTEE CONFERENCE NATIONS INSTITUTE INSTITUTION FOUNDATION SOCIETY
FEDERATION CENTER CENTRE NETWORK TRUST MISSION PARTNERSHIP SECRETARIAT ASSEMBLY BOARD PANEL TRIBUNAL
CORPS FORCE FORCES COOPERATION CO-OPERATION BUREAU SECRETARY-GENERAL SECRETARY COALITION MOVEMENT
CAMPAIGN INITIATIVE PROJECT FRONT CONGRESS UNIVERSITY ACADEMY SERVICE SERVICES RELIEF AID WATCH
INTERNATIONAL WORLD GLOBAL UNITED UN U.N. EU NATO INC LTD CORP CORPORATION COMPANY""".split())


def keep_name(name, vocab, kind):
    """Keep acronyms and multi-word names; for IGO/NGO a multi-word name must contain an
    organisation word (ORG_WORDS), which drops the person entries of these sections."""
    toks = [t for t in name.replace("_", " ").split() if t]
    if not toks or not is_ascii(name) or "|" in name or ";" in name:
        return False
    if len(toks) == 1:
        return is_acronym_token(toks[0], vocab)
    if kind == "MNC":
        return True
    return any(t.upper().strip(",.()") in ORG_WORDS for t in toks)


def gen_international(text, iso, vocab, stats):
    merged = {}
    skipped = {"person_or_dated": 0, "not_body": 0, "no_valid_name": 0}
    entries = parse_actor_entries(text)
    acronyms = {n.strip("_") for e in entries for n in [e[0]] + e[1]
                if "_" not in n.strip("_") and is_acronym_token(n.strip("_"), vocab)}
    for name, aliases, codes in entries:
        parsed = [c.split() for c in codes if c.strip()]
        if any(len(p) > 1 for p in parsed) or any(p[0].startswith("ELI") for p in parsed):
            skipped["person_or_dated"] += 1
            continue
        kind, cc = None, ""
        for p in parsed:
            c = p[0]
            if c == "UNO" or c.startswith("IGO"):
                kind = "IGO"
                break
            if c.startswith("NGO") or c.startswith("MNC"):
                kind = c[:3]
                cc = iso.get(c[3:6], "")
                break
        if kind is None:
            skipped["not_body"] += 1
            continue
        names = [n for n in [name] + aliases if keep_name(n, vocab, kind)]
        if not names:
            skipped["no_valid_name"] += 1
            continue
        shown = [readable(n, acronyms) for n in names]
        key = (shown[0], kind)
        if key in merged:
            ent = merged[key]
            for s in shown[1:]:
                if s not in ent["aliases"] and s != shown[0]:
                    ent["aliases"].append(s)
            if not ent["cc"]:
                ent["cc"] = cc
        else:
            al = []
            for s in shown[1:]:
                if s not in al and s != shown[0]:
                    al.append(s)
            merged[key] = {"aliases": al, "cc": cc}
    stats["international_skipped"] = skipped
    tables = {"IGO": [], "NGO": [], "MNC": []}
    for (nm, kind), ent in sorted(merged.items()):
        tables[kind].append(f"{nm}|{';'.join(sorted(ent['aliases']))}|{ent['cc']}")
    return tables


# ---------------------------------------------------------------- armed non-state groups

ARMED_GROUP_WORDS = set("""ARMY ARMIES BRIGADE BRIGADES MOVEMENT PARTY FRONT JIHAD RESISTANCE ORGANIZATION
ORGANISATION CELLS CELL NUCLEI COMMANDO COMMANDOS GUERRILLA GUERRILLAS MILITIA MILITIAS FIGHTERS LIBERATION
REVOLUTIONARY ISLAMIC STATE TIGERS ARMED BATTALION BATTALIONS REGIMENT COMMITTEE COMMITTEES GROUP GROUPS SQUAD
SQUADS FACTION FACTIONS MARTYRS COUNCIL UNION LEAGUE ALLIANCE FORCES FORCE COMMAND UNITS UNIT PATRIOTS
REBELS INSURGENTS MUJAHIDEEN MUJAHEDEEN CARTEL CARTELS GANG NETWORK ACTION STRUGGLE""".split())


def named_group_words(issue_text):
    """One-word names of Phoenix.IssueCoding.txt's [NAMED_TERROR_GROUP] entries ("hamas", "jundallah")."""
    out = set()
    for line in issue_text.splitlines():
        m = re.match(r"^([a-z][a-z'-]*)\s+\[NAMED_TERROR_GROUP\]", line.strip())
        if m:
            out.add(m.group(1))
    return out


def gen_armed_groups(text, iso, vocab, stats, named_groups=frozenset()):
    """Phoenix.MilNonState.actors.txt (TOPS non-state armed actors): `Name|alias;alias|CC`, CC the
    alpha-2 state of a `XXXREB`-style code (empty for INT…/IMG…/AFR… codes or none). Names kept: acronyms,
    names of two words or more, and one-word names of five letters or more that are not English words
    (HAMAS, TALIBAN); commented-out aliases are skipped with the comments."""
    merged = {}
    skipped = 0
    entries = parse_actor_entries(text)
    acronyms = {n.strip("_") for e in entries for n in [e[0]] + e[1]
                if "_" not in n.strip("_") and is_acronym_token(n.strip("_"), vocab)}

    def keep(n):
        toks = [t for t in n.replace("_", " ").split() if t]
        if not toks or not is_ascii(n) or "|" in n or ";" in n:
            return False
        if len(toks) == 1:
            t = toks[0].strip("()")
            letters = re.sub(r"[^A-Za-z]", "", t)
            return is_acronym_token(t, vocab) or (len(letters) >= 5 and letters.upper() not in vocab)
        return True

    def group_like(n):
        toks = [t.upper().strip(",.()") for t in n.replace("_", " ").replace("-", " ").split() if t]
        if len(toks) == 1:
            return True
        return toks[0] in ("AL", "EL", "AS", "AN", "AR", "AD", "ANSAR", "JAMAAT", "JAISH", "JAYSH", "HARAKAT", "TEHRIK", "TEHREEK") \
            or any(t in ARMED_GROUP_WORDS or t in ORG_WORDS for t in toks)

    for name, aliases, codes in entries:
        lasts = {a.replace("_", " ").split()[-1].upper() for a in aliases if len(a.replace("_", " ").split()) > 1}
        aliases = [a for a in aliases if group_like(a)
                   and not (len(a.replace("_", " ").split()) == 1 and a.strip("_").upper() in lasts)]
        cc = ""
        for c in codes:
            c = c.strip()
            if len(c) >= 3 and c[:3] in iso:
                cc = iso[c[:3]]
                break
        names = [n for n in [name] + aliases if keep(n)]
        if not names:
            skipped += 1
            continue
        shown = [re.sub(r"^AL(?=[ -])", "Al", readable(n.strip("_"), acronyms)) for n in names]
        # a one-word name read as an acronym that the issue-coding dictionary lists as a named group ("HAMAS"):
        # news writes it "Hamas" too
        said = [w.capitalize() for w in shown if w.isalpha() and w.isupper() and w.lower() in named_groups]
        if said and said[0].upper() == shown[0]:
            shown = [said[0]] + shown  # the name as news writes it first, the capitals as an alias
        shown += [w for w in said if w not in shown]
        ent = merged.setdefault(shown[0], {"aliases": [], "cc": cc})
        for x in shown[1:]:
            if x != shown[0] and x not in ent["aliases"]:
                ent["aliases"].append(x)
        if not ent["cc"]:
            ent["cc"] = cc
    stats["armed_groups_skipped"] = skipped
    return [f"{nm}|{';'.join(sorted(e['aliases']))}|{e['cc']}" for nm, e in sorted(merged.items())]


# ---------------------------------------------------------------- officials

# Letters that Unicode decomposition does not reduce to ASCII, folded as the extractor's
# Fold table folds them (Text.swift): "ı" -> i, "ø" -> o, "æ" -> a, "ß" -> s, ...
FOLD_EXTRA = {"ı": "i", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
              "þ": "t", "Þ": "t", "æ": "a", "Æ": "a", "œ": "o", "Œ": "o", "ß": "s", "ə": "e", "Ə": "e",
              "ħ": "h", "Ħ": "h", "ŧ": "t", "Ŧ": "t", "\u2019": "'", "\u2018": "'"}
# the last word of an alias that names a person's entourage or government, not the person
NOT_PERSON_HEADS = set("administration government regime cabinet camp supporters loyalists forces".split())


def ascii_fold(s):
    """Lowercase, Latin diacritics removed (NFD, combining marks dropped, FOLD_EXTRA)."""
    import unicodedata
    out = []
    for ch in unicodedata.normalize("NFD", s):
        if unicodedata.combining(ch):
            continue
        out.append(FOLD_EXTRA.get(ch, ch))
    return "".join(out).lower()


def parse_date(d):
    """YYYYMMDD or YYMMDD (yy < 30 -> 20yy) -> int YYYYMMDD; the file's few malformed dates
    (10 digits: the last 8 are the date; 7 digits: the first 6) are read the same way."""
    if len(d) > 8:
        d = d[-8:]
    elif len(d) == 7:
        d = d[:6]
    if len(d) == 6:
        yy = int(d[:2])
        return (2000 + yy if yy < 30 else 1900 + yy) * 10000 + int(d[2:])
    if len(d) == 8:
        return int(d)
    return None


def code_span(fields):
    """The dated part of a code (`>D`, `<D`, `A-B`, `D`) -> (start, end) for ordering by
    recency (an open end is the largest), or None when undated."""
    rest = "".join(fields)
    if not rest:
        return None
    INF = 99999999
    m = re.fullmatch(r">(\d+)", rest)
    if m:
        return (parse_date(m.group(1)) or 0, INF)
    m = re.fullmatch(r"<(\d+)", rest)
    if m:
        return (0, parse_date(m.group(1)) or 0)
    m = re.fullmatch(r"(\d+)-(\d+)", rest)
    if m:
        return (parse_date(m.group(1)) or 0, parse_date(m.group(2)) or 0)
    m = re.fullmatch(r"(\d+)", rest)
    if m:
        d = parse_date(m.group(1)) or 0
        return (d, d)
    return (0, 0)


def is_person_code(code):
    """A state code followed by a sector: GOV, ELI, MIL, ... possibly after a territory code
    (`GBRVGBGOV`); bare state codes (`DEU`) and state-in-state codes (`USRARM`, `ARMUNR`,
    `ESTOCC`) name places, not people."""
    chunks = [code[i:i + 3] for i in range(3, len(code), 3)]
    return any(c in SECTORS for c in chunks)


# sectors of a state official: government (any GOV code, GOVBUS etc. being ministers), military,
# police, judiciary, legislature, intelligence; ELI (elites: former officials, party figures,
# dignitaries), OPP, REB and the rest are dropped to keep the table compact
OFFICIAL_SECTORS = set("GOV MIL COP JUD LEG SPY".split())
# organisation words that mark a dated entry as a body, not a person (ORG_WORDS without the
# short abbreviations, which are also name syllables: Korean "Un"), plus PARTY and ARMY
BODY_WORDS = (ORG_WORDS - {"UN", "U.N.", "EU", "NATO", "INC", "LTD"}) | {"PARTY", "ARMY"}


def official_key(s):
    """The lookup key of a person's name: ASCII-folded lowercase, `_` and `-` as spaces, single
    spaces (PublicLexicons.officialKey does the same)."""
    return " ".join(ascii_fold(s).replace("_", " ").replace("-", " ").split())


def official_names(name, aliases, st):
    out = []
    for n in [name] + aliases:
        key = official_key(n)
        # mis-encoded letters (U+FFFD, control characters such as 0x1A) and non-Latin ones
        if not re.fullmatch(r"[ -~]+", key) or "|" in key or ";" in key:
            st["nonascii"] += 1
            continue
        words = key.split(" ")
        if len(words) < 2:
            st["one_word"] += 1
            continue
        if words[-1] in NOT_PERSON_HEADS or any(w.upper() in BODY_WORDS for w in words):
            st["body_alias"] += 1
            continue
        out.append(key)
    return out


def gen_officials(text, iso, stats):
    st = {"persons": 0, "no_state": 0, "bodies": 0, "not_official_sector": 0, "one_word": 0,
          "body_alias": 0, "nonascii": 0, "ambiguous_names": 0, "kept_persons": 0}
    states = {}
    for name, aliases, codes in parse_actor_entries(text):
        parsed = [c.split() for c in codes if c.strip()]
        if not any(len(p) > 1 and is_person_code(p[0]) for p in parsed):
            continue
        if any(w.upper() in BODY_WORDS for w in official_key(name).split()):
            st["bodies"] += 1
            continue
        st["persons"] += 1
        dated = [(code_span(p[1:]), p[0]) for p in parsed
                 if len(p) > 1 and is_person_code(p[0]) and p[0][:3] in iso]
        if dated:
            _, code = max(dated)
        else:
            undated = {p[0][:3] for p in parsed if len(p) == 1 and is_person_code(p[0]) and p[0][:3] in iso}
            if len(undated) != 1:
                st["no_state"] += 1
                continue
            code = next(p[0] for p in parsed if len(p) == 1 and is_person_code(p[0]) and p[0][:3] in iso)
        if not any(code[i:i + 3] in OFFICIAL_SECTORS for i in range(3, len(code), 3)):
            st["not_official_sector"] += 1
            continue
        names = official_names(name, aliases, st)
        if names:
            st["kept_persons"] += 1
        for key in names:
            states.setdefault(key, set()).add(iso[code[:3]])
    out = []
    for key, ccs in sorted(states.items()):
        if len(ccs) > 1:
            st["ambiguous_names"] += 1
            continue
        out.append(f"{key}|{next(iter(ccs))}")
    stats["officials"] = st
    return out


# ---------------------------------------------------------------- discards

def gen_discards(text):
    out = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        scope = "sentence"
        if line.startswith("+"):
            scope = "story"
            line = line[1:]
        p = norm_phrase(line)
        if not p or not is_ascii(p) or "|" in p:
            continue
        if out.get(p) != "story":
            out[p] = scope
    return [f"{p}|{s}" for p, s in sorted(out.items())]


# ---------------------------------------------------------------- verbs

def parse_plover_table(text):
    table = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(\d{3,4}):\s*(.*)$", line)
        if not m:
            continue
        parts = [x.strip() for x in m.group(2).split(",")]
        typ = parts[0].upper()
        mode = parts[1].lower() if len(parts) > 1 else ""
        mode = MODE_RENAMES.get(mode, mode)
        if typ not in VALID_MODES:
            continue
        if mode not in VALID_MODES[typ]:
            mode = ""
        table.setdefault(m.group(1), (typ, mode))
    return table


def plover_of(code, table):
    if not code or not code.isdigit() or code[:2] in ("01", "02"):
        return None
    if code in OVERRIDES:
        return OVERRIDES[code]
    if code in table:
        return table[code]
    if code[:3] in OVERRIDES:
        return OVERRIDES[code[:3]]
    return table.get(code[:3])


def regular_forms(lemma):
    """Regular forms of a (possibly multi-word) verb lemma: the first word is inflected.
    PublicLexicons.regularForms(of:) in the generated Swift implements the same rule."""
    parts = lemma.split(" ")
    return [" ".join([f] + parts[1:]) for f in verb_forms(parts[0])]


def verb_forms(word):
    w = word.lower()
    if re.search(r"(s|x|z|ch|sh)$", w):
        s = w + "es"
    elif re.search(r"[^aeiou]y$", w):
        s = w[:-1] + "ies"
    else:
        s = w + "s"
    if w.endswith("e"):
        ed = w + "d"
    elif re.search(r"[^aeiou]y$", w):
        ed = w[:-1] + "ied"
    else:
        ed = w + "ed"
    if re.search(r"(ee|ye|oe)$", w):
        ing = w + "ing"
    elif w.endswith("e") and len(w) > 2:
        ing = w[:-1] + "ing"
    else:
        ing = w + "ing"
    return [s, ed, ing]


def parse_verb_line(body):
    """`EXPEL {EXPELS EXPELLING EXPELLED } [174]` -> (lemma, forms without the lemma, own code)."""
    fm = re.search(r"\{([^}]*)\}", body)
    listed = fm.group(1).split() if fm else None
    head = re.sub(r"\{[^}]*\}", " ", body)
    cm = re.search(r"\[([^\]]*)\]", head)
    own = cm.group(1).strip() if cm else None
    head = re.sub(r"\[[^\]]*\]", " ", head).strip()
    if not head:
        return None
    lemma = norm_phrase(head.split()[0].lstrip("+"))
    fl = [norm_phrase(x.lstrip("+")) for x in listed] if listed is not None else regular_forms(lemma)
    return lemma, [f for f in fl if f and f != lemma], own


def collect_verb_forms(lines):
    """First pass over the verb section: every lemma with its forms."""
    forms = {}
    section = None
    for raw in lines:
        if raw.startswith("####### VERB PATTERNS"):
            section = "verbs"
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        stripped = raw.strip()
        if section != "verbs" or not stripped or stripped[0] in "#-" or stripped.startswith("---"):
            continue
        body = stripped.split("#", 1)[0].rstrip()
        parsed = parse_verb_line(body) if is_ascii(body) else None
        if parsed:
            prev = forms.setdefault(parsed[0], [])
            prev.extend(f for f in parsed[1] if f not in prev)
    return forms


def gen_verbs(text, table, stats):
    lines = text.splitlines()
    synsets = {}
    forms = collect_verb_forms(lines)
    form_owner = {}
    for lemma in sorted(forms):
        for f in [lemma] + forms[lemma]:
            form_owner.setdefault(f, lemma)
    triggers = {}
    skipped = {"transformations": 0, "no_plover": 0, "dash_code": 0, "undefined_synset": 0, "not_skipped_origin_verb_outside_block": 0,
               "origin_not_a_verb": 0, "not_skipped_no_origin_all_block_verbs": 0,
               "nonascii": 0, "no_code": 0}
    section = None
    cur_syn = None
    block_code = None
    block_verbs = []
    block_own = {}

    def code_fields(s):
        m = re.search(r"\[([^\]]*)\]", s)
        return m.group(1).strip() if m else None

    def emit(lemmas, pattern, code_str):
        if code_str is None:
            skipped["no_code"] += 1
            return
        if code_str.startswith("---") or code_str == "":
            skipped["dash_code"] += 1
            return
        if ":" in code_str:
            a, b = [x.strip() for x in code_str.split(":", 1)]
            if a and a == b:
                pairs = [(a, "mutual")]
            else:
                pairs = ([(a, "fwd")] if a else []) + ([(b, "rev")] if b else [])
        else:
            pairs = [(code_str.split()[0], "fwd")]
        for code, direction in pairs:
            pl = plover_of(code, table)
            if pl is None:
                skipped["no_plover"] += 1
                continue
            key = (pl[0], pl[1], pattern, code, direction)
            for lemma in lemmas:
                triggers.setdefault(key, set()).add(lemma)

    for raw in lines:
        if raw.startswith("####### SYNONYM SETS"):
            section = "syn"
            continue
        if raw.startswith("####### VERB PATTERNS"):
            section = "verbs"
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            section = "trans"
            continue
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if section == "syn":
            body = stripped.split("#", 1)[0].strip()
            if body.startswith("&"):
                cur_syn = body[1:].split()[0]
                synsets[cur_syn] = []
            elif body.startswith("+") and cur_syn is not None:
                member = body[1:].split()[0]
                words = norm_phrase(member)
                if words and words not in synsets[cur_syn]:
                    synsets[cur_syn].append(words)
                if not member.endswith("_") and not cur_syn.endswith("_"):
                    pw = words.split(" ")
                    pl = plural(pw[-1])
                    if pl:
                        pw[-1] = pl
                        if " ".join(pw) not in synsets[cur_syn]:
                            synsets[cur_syn].append(" ".join(pw))
            continue
        if section == "trans":
            skipped["transformations"] += 1
            continue
        if section != "verbs":
            continue
        if stripped.startswith("---"):
            m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", stripped)
            block_code = m.group(2).strip() if m else None
            block_verbs = []
            block_own = {}
            continue
        body = stripped.split("#", 1)[0].rstrip()
        comment = stripped.split("#", 1)[1] if "#" in stripped else ""
        if not is_ascii(body):
            skipped["nonascii"] += 1
            continue
        if stripped.startswith("-"):
            pat = body[1:]
            code_str = code_fields(pat)
            pat = re.sub(r"\[[^\]]*\]", " ", pat)
            pat = pat.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ")
            toks = []
            for t in pat.replace("_&", " &").split():
                if t in ("*", "$", "+"):
                    toks.append(t)
                elif t in ("^", "%"):
                    continue
                else:
                    t2 = t.strip("^%")
                    if t2:
                        toks.append(t2.upper() if t2.startswith("&") else norm_phrase(t2))
            if "*" not in toks:
                toks.insert(0, "*")
            missing = [t for t in toks if t.startswith("&") and t[1:] not in synsets]
            if missing:
                skipped["undefined_synset"] += 1
                continue
            origin = comment.strip().split(",")[0].split()
            origin_word = norm_phrase(origin[0].lstrip("+")) if origin else ""
            if origin_word:
                owners = [v for v in block_verbs if origin_word == v or origin_word in forms.get(v, [])]
                if not owners and origin_word in form_owner:
                    owners = [form_owner[origin_word]]
                    skipped["not_skipped_origin_verb_outside_block"] += 1
                if not owners:
                    skipped["origin_not_a_verb"] += 1
                    continue
                targets = owners[:1]
            else:
                targets = list(block_verbs)
                skipped["not_skipped_no_origin_all_block_verbs"] += 1
            emit(targets, " ".join(toks), code_str)
            continue
        # a verb line
        parsed = parse_verb_line(body)
        if parsed is None:
            continue
        lemma, _, own = parsed
        block_verbs.append(lemma)
        code = own if own is not None else block_code
        emit([lemma], "*", code)
    stats["verbs_skipped"] = skipped
    stats["synsets"] = len(synsets)
    referenced = {l for ls in triggers.values() for l in ls}
    form_lines = [f"{l}|{';'.join(sorted(fs))}" for l, fs in sorted(forms.items())
                  if l in referenced and sorted(fs) != sorted(regular_forms(l))]
    grouped = {}
    for (typ, mode, pattern, code, direction), lemmas in triggers.items():
        grouped.setdefault((typ, mode, ";".join(sorted(lemmas)), pattern, code, direction), None)
    trig_lines = ["|".join(k) for k in sorted(grouped)]
    stats["verbTrigger_pairs"] = len({(k[:2] + (l,) + k[2:5]) for k, ls in triggers.items() for l in ls})
    used = {t[1:] for tr in grouped for t in tr[3].split() if t.startswith("&")}
    syn_lines = [f"{n}|{';'.join(m)}" for n, m in sorted(synsets.items()) if n in used]
    return form_lines, syn_lines, trig_lines


# ---------------------------------------------------------------- Swift output

def swift_literal_block(lines):
    for l in lines:
        assert '"""' not in l and "\\" not in l and "\n" not in l, l
    return "\n".join(lines)


SWIFT_HELPERS = r'''
    // MARK: - Parsed views (built once, on first use; `static let` is lazily and atomically initialised)

    /// A CAMEO verb pattern mapped to PLOVER. `pattern` is space-separated: `*` is the verb,
    /// `$` the source and `+` the target where the dictionary marks them; the other tokens are
    /// literal words (a token may hold several words of one synset member, joined by spaces in
    /// the original, so compare word sequences). `direction` is `fwd` (source acts on target),
    /// `rev` (the second code of a `[A:B]` pair: target acts on source) or `mutual` (`[A:A]`).
    struct VerbTrigger: Sendable, Hashable {
        let type: String
        let mode: String?
        let verb: String
        let forms: [String]
        let pattern: [String]
        /// `pattern` with each `&SYNSET` expanded to its members (a member may be several words):
        /// one list of alternatives per pattern token.
        let alternatives: [[String]]
        let cameo: String
        let direction: String
    }

    struct InternationalBody: Sendable, Hashable {
        let name: String
        let aliases: [String]
        /// IGO, NGO or MNC.
        let kind: String
        /// ISO 3166-1 alpha-2 home state, when the dictionary code carries one.
        let country: String?
    }

    private static func rows(_ table: String) -> [[Substring]] {
        table.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false) }
    }

    /// noun phrase or its plural (lowercase, single spaces) -> (sector, secondary sector or nil)
    static let agentSectors: [String: (sector: String, secondary: String?)] = {
        var d: [String: (sector: String, secondary: String?)] = [:]
        for r in rows(agents) where r.count >= 3 {
            for phrase in r[0].split(separator: ";") {
                d[String(phrase)] = (String(r[1]), r[2].isEmpty ? nil : String(r[2]))
            }
        }
        return d
    }()

    /// The sector (GOV, MIL, COP, ...) of a common noun or noun phrase, e.g. "ambassador" -> GOV.
    static func sector(ofNoun noun: String) -> String? {
        let key = noun.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" }).joined(separator: " ")
        return agentSectors[key]?.sector
    }

    /// The IGO, NGO, MNC and armed-group (REB) tables, parsed, in that order.
    static let internationalBodyList: [InternationalBody] = [
        ("IGO", internationalBodies), ("NGO", ngos), ("MNC", companies), ("REB", armedGroups),
    ].flatMap { kind, table in
        rows(table).compactMap { r -> InternationalBody? in
            guard r.count >= 3 else { return nil }
            return InternationalBody(
                name: String(r[0]), aliases: r[1].split(separator: ";").map(String.init),
                kind: kind, country: r[2].isEmpty ? nil : String(r[2]))
        }
    }

    /// lowercased name or alias -> index into `internationalBodyList` (first listed wins)
    static let internationalBodyIndex: [String: Int] = {
        var d: [String: Int] = [:]
        for (i, b) in internationalBodyList.enumerated() {
            for n in [b.name] + b.aliases where d[n.lowercased()] == nil { d[n.lowercased()] = i }
        }
        return d
    }()

    /// An international body, NGO or company by name or alias (case-insensitive).
    static func internationalBody(named name: String) -> InternationalBody? {
        internationalBodyIndex[name.lowercased()].map { internationalBodyList[$0] }
    }

    /// discard phrase (lowercase) -> true when it discards the whole story, false for the sentence only
    static let discardScopes: [String: Bool] = {
        var d: [String: Bool] = [:]
        for r in rows(discards) where r.count >= 2 { d[String(r[0])] = r[1] == "story" }
        return d
    }()

    static func isDiscard(_ phrase: String) -> Bool {
        discardScopes[phrase.lowercased().split(separator: " ").joined(separator: " ")] != nil
    }

    /// Regular -s/-ed/-ing forms of a verb lemma (first word inflected), the same rule as the
    /// generator's `regular_forms`: es after s/x/z/ch/sh, ies/ied after consonant+y, -d and an
    /// e-dropping -ing after a final e (but -eeing, -yeing, -oeing), no consonant doubling.
    static func regularForms(of lemma: String) -> [String] {
        let words = lemma.split(separator: " ").map(String.init)
        guard let w = words.first, !w.isEmpty else { return [] }
        let rest = words.dropFirst().map { " " + $0 }.joined()
        func ends(_ suffixes: String...) -> Bool { suffixes.contains { w.hasSuffix($0) } }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        let consonantY = w.count >= 2 && w.hasSuffix("y") && !vowels.contains(w[w.index(w.endIndex, offsetBy: -2)])
        let stem = String(w.dropLast())
        let s = ends("s", "x", "z", "ch", "sh") ? w + "es" : consonantY ? stem + "ies" : w + "s"
        let ed = w.hasSuffix("e") ? w + "d" : consonantY ? stem + "ied" : w + "ed"
        let ing = ends("ee", "ye", "oe") ? w + "ing" : (w.hasSuffix("e") && w.count > 2) ? stem + "ing" : w + "ing"
        return [s, ed, ing].map { $0 + rest }
    }

    /// verb lemma -> its forms when they are not the regular ones (listed in `{...}` in the dictionary)
    static let verbFormTable: [String: [String]] = {
        var d: [String: [String]] = [:]
        for r in rows(verbForms) where r.count >= 2 {
            d[String(r[0])] = r[1].split(separator: ";").map(String.init)
        }
        return d
    }()

    /// synset name (without `&`) -> members (lowercase, single spaces)
    static let synsetMembers: [String: [String]] = {
        var d: [String: [String]] = [:]
        for r in rows(verbSynsets) where r.count >= 2 {
            d[String(r[0])] = r[1].split(separator: ";").map(String.init)
        }
        return d
    }()

    /// One trigger per verb lemma of each `verbTriggers` line.
    static let verbTriggerList: [VerbTrigger] = rows(verbTriggers).flatMap { r -> [VerbTrigger] in
        guard r.count >= 6 else { return [] }
        let pattern = r[3].split(separator: " ").map(String.init)
        let alternatives = pattern.map { token in
            token.hasPrefix("&") ? synsetMembers[String(token.dropFirst())] ?? [] : [token]
        }
        return r[2].split(separator: ";").map { lemma in
            let verb = String(lemma)
            return VerbTrigger(
                type: String(r[0]), mode: r[1].isEmpty ? nil : String(r[1]), verb: verb,
                forms: [verb] + (verbFormTable[verb] ?? regularForms(of: verb)), pattern: pattern,
                alternatives: alternatives, cameo: String(r[4]), direction: String(r[5]))
        }
    }

    /// Bare-verb triggers (pattern `*`) by every form of the verb: form -> triggers.
    static let bareVerbTriggers: [String: [VerbTrigger]] = {
        var d: [String: [VerbTrigger]] = [:]
        for t in verbTriggerList where t.pattern == ["*"] {
            for f in t.forms { d[f, default: []].append(t) }
        }
        return d
    }()

    /// official's name key (see `officialKey`) -> ISO alpha-2 state
    static let officialStates: [String: String] = {
        var d: [String: String] = [:]
        for r in rows(officials) where r.count >= 2 { d[String(r[0])] = String(r[1]) }
        return d
    }()

    /// The generator's `official_key`: lower-case with Latin diacritics folded (`Fold.normalize`),
    /// `_` and `-` read as spaces, single spaces ("Recep Tayyip Erdoğan" -> "recep tayyip erdogan").
    static func officialKey(_ name: String) -> String {
        Fold.normalize(name).split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).joined(separator: " ")
    }

    /// The state (ISO alpha-2) of a state official named in the 2014 Phoenix leader lists, e.g.
    /// "Xi Jinping" -> "CN". The list is dated: use it only where the text names that state.
    static func officialState(named name: String) -> String? {
        officialStates[officialKey(name)]
    }

    /// Every word of two letters or more in the officials' names (folded keys): a broad, international list of
    /// given and family names — evidence that two capitalized words with nothing around them name a person.
    static let nameWords: Set<String> = {
        var s = Set<String>()
        for key in officialStates.keys {
            for w in key.split(separator: " ") where w.count >= 2 && !w.contains(".") { s.insert(String(w)) }
        }
        return s
    }()
}
'''


def build(shared):
    lex = os.path.join(shared, "lexicons")
    ph = os.path.join(lex, "phoenix")
    agents_text = read(os.path.join(ph, "Phoenix.agents.txt"))
    intl_text = read(os.path.join(ph, "Phoenix.International.actors.txt"))
    armed_text = read(os.path.join(ph, "Phoenix.MilNonState.actors.txt"))
    countries_text = read(os.path.join(ph, "Phoenix.Countries.actors.txt"))
    disc_text = read(os.path.join(ph, "Phoenix.discards.txt"))
    cameo_text = read(os.path.join(ph, "CAMEO.2.0.txt"))
    licence = read(os.path.join(ph, "LICENSE")).strip()
    table = parse_plover_table(read(os.path.join(lex, "CAMEO2PLOVER-2021.txt")))
    with open(os.path.join(shared, "eval", "iso3_to_iso2.json"), encoding="utf-8") as f:
        iso = json.load(f)

    stats = {}
    vocab = english_vocabulary(agents_text, cameo_text, disc_text)
    agents = gen_agents(agents_text, stats)
    bodies = gen_international(intl_text, iso, vocab, stats)
    issue_text = read(os.path.join(ph, "Phoenix.IssueCoding.txt"))
    armed = gen_armed_groups(armed_text, iso, vocab, stats, named_group_words(issue_text))
    discards = gen_discards(disc_text)
    vforms, vsyn, vtrig = gen_verbs(cameo_text, table, stats)
    officials = gen_officials(countries_text, iso, stats)
    counts = {"agents": len(agents), "internationalBodies": len(bodies["IGO"]), "ngos": len(bodies["NGO"]),
              "companies": len(bodies["MNC"]), "armedGroups": len(armed), "discards": len(discards),
              "verbForms": len(vforms), "verbSynsets": len(vsyn), "verbTriggers": len(vtrig),
              "officials": len(officials)}

    h = []
    h.append("// Generated by scripts/gen_lexicons.py from the Phoenix/PETRARCH2 dictionaries")
    h.append("// (Phoenix.agents.txt, Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt,")
    h.append("// Phoenix.Countries.actors.txt,")
    h.append("// Phoenix.discards.txt, CAMEO.2.0.txt; openeventdata/petrarch2 676801cd9cb2) and CAMEO2PLOVER-2021.txt")
    h.append("// (openeventdata/PLOVER 5e0c24fba623) — do not edit; regenerate with")
    h.append("// `python3 scripts/gen_lexicons.py` and verify with `--check`.")
    h.append("//")
    h.append("// Tables (see the script's docstring for every choice and what is skipped):")
    h.append("// - agents: Phoenix.agents.txt nouns (+ generated plurals, !SET! expansions) -> sector of ~CODE.")
    h.append("// - internationalBodies, ngos, companies: Phoenix.International.actors.txt entries coded IGO…/UNO,")
    h.append("//   NGO…, MNC…; readable names; state in the code alpha-3 -> alpha-2; dated/ELI (people) entries,")
    h.append("//   IGO/NGO names without an organisation word, one-word English words dropped.")
    h.append("// - armedGroups: Phoenix.MilNonState.actors.txt (TOPS non-state armed actors) names and aliases; state from")
    h.append("//   a country-prefixed code (LBNREB -> LB), else empty; one-word English words dropped; a one-word name")
    h.append("//   in capitals that Phoenix.IssueCoding.txt lists as a [NAMED_TERROR_GROUP] also as written in news (Hamas).")
    h.append("// - discards: Phoenix.discards.txt phrases, with the file's `+` story-level marker as a column.")
    h.append("// - verbForms: CAMEO.2.0.txt verb lines whose forms ({…} lists) are not the regular -s/-ed/-ing.")
    h.append("// - verbSynsets: CAMEO.2.0.txt &SYNSET members used by the patterns, with generated plurals.")
    h.append("// - verbTriggers: CAMEO.2.0.txt verbs and patterns, CAMEO codes through CAMEO2PLOVER-2021.txt")
    h.append("//   with PLOVER.md §6 overrides (163 SANCTION, 055 CONCEDE, 057 SUPPORT; 116 SANCTION convict).")
    h.append("// - officials: Phoenix.Countries.actors.txt people (entries with a dated state+sector code; compiled")
    h.append("//   January 2014) -> ISO alpha-2 state of their most recent code; government, military, police,")
    h.append("//   judicial, legislative and intelligence codes only; names of >= 2 words, ASCII-folded lowercase.")
    h.append("//")
    h.append("// Phoenix/PETRARCH2 dictionaries:")
    for l in licence.splitlines():
        h.append(("// " + l).rstrip())
    h.append("//")
    h.append("// CAMEO2PLOVER-2021.txt: \"CAMEO to PLOVER conversion table\", PLOVER manual draft 0.8,")
    h.append("// edited by Philip Schrodt, PLOVER project (https://github.com/openeventdata/PLOVER),")
    h.append("// licensed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). The")
    h.append("// verbTriggers table adapts it (type/mode columns joined to the CAMEO verb dictionary, modes")
    h.append("// normalised, the overrides above) and is shared under the same licence.")
    h.append("")
    h.append(f"// Entry counts: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + ".")
    h.append("enum PublicLexicons {")

    def table_decl(name, doc, lines):
        return (f"    /// {doc}\n    static let {name} = \"\"\"\n"
                + swift_literal_block(lines) + "\n\"\"\"\n")

    body = [
        table_decl("agents", "`phrase;plural…|SECTOR|secondary` — common nouns (and their plurals) to sectors; secondary may be empty.", agents),
        table_decl("internationalBodies", "`Name|alias;alias|` — intergovernmental bodies (codes IGO…, UNO).", bodies["IGO"]),
        table_decl("ngos", "`Name|alias;alias|CC` — NGOs; CC the alpha-2 home state when the code carries one.", bodies["NGO"]),
        table_decl("companies", "`Name|alias;alias|CC` — multinational companies (MNC); CC as for ngos.", bodies["MNC"]),
        table_decl("armedGroups", "`Name|alias;alias|CC` — non-state armed groups; CC the alpha-2 state of a country-prefixed code.", armed),
        table_decl("discards", "`phrase|story|sentence` — phrases whose sentence (or story) codes no political event.", discards),
        table_decl("verbForms", "`lemma|form;form` — forms of the verb lemmas whose forms are not the regular ones (see `regularForms(of:)`).", vforms),
        table_decl("verbSynsets", "`NAME|member;member` — CAMEO.2.0.txt synonym sets used by the patterns (`&NAME`), with generated plurals.", vsyn),
        table_decl("verbTriggers", "`TYPE|mode|lemma;lemma|pattern|cameo|dir` — CAMEO verb patterns as PLOVER types; dir fwd/rev/mutual (see the script).", vtrig),
        table_decl("officials", "`name|CC` — state officials (2014 list) to the state of their most recent office; see `officialState(named:)`.", officials),
    ]
    src = "\n".join(h) + "\n" + "\n".join(body) + SWIFT_HELPERS
    return src, counts, stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the generated file is stale")
    ap.add_argument("--stdout", action="store_true", help="print instead of writing")
    ap.add_argument("--stats", action="store_true", help="print counts and skip statistics to stderr")
    args = ap.parse_args()
    shared = os.environ.get("SHARED") or os.path.join(os.path.dirname(REPO), "shared")
    shared = os.path.abspath(shared)
    if not os.path.isdir(os.path.join(shared, "lexicons")):
        print(f"gen_lexicons: no lexicons under {shared} (set $SHARED)", file=sys.stderr)
        return 2
    src, counts, stats = build(shared)
    out = os.path.join(REPO, OUT_REL)
    if args.stats:
        print(json.dumps({"counts": counts, **stats}, indent=1, sort_keys=True), file=sys.stderr)
    if args.stdout:
        sys.stdout.write(src)
        return 0
    if args.check:
        try:
            cur = read(out)
        except FileNotFoundError:
            print(f"gen_lexicons --check: {OUT_REL} is missing", file=sys.stderr)
            return 1
        if cur == src:
            print(f"gen_lexicons --check: {OUT_REL} is up to date ({counts})")
            return 0
        diff = list(difflib.unified_diff(cur.splitlines(), src.splitlines(), "committed", "generated", n=0, lineterm=""))
        changed = [l for l in diff if l[:1] in "+-" and not l.startswith(("+++", "---"))]
        print(f"gen_lexicons --check: {OUT_REL} is stale: {sum(1 for l in changed if l[0] == '-')} lines "
              f"removed, {sum(1 for l in changed if l[0] == '+')} added; first differences:", file=sys.stderr)
        for l in changed[:20]:
            print("  " + l[:160], file=sys.stderr)
        return 1
    with open(out, "w", encoding="utf-8") as f:
        f.write(src)
    print(f"wrote {OUT_REL}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
