/// PLOVER trigger lexicon: general verb and noun phrases for the 16 event types.
///
/// One pattern per line: `TYPE|mode|flags|slots`.
/// - mode: a PLOVER mode, `-` for none, `auto` to infer it from the clause (weapons, phone, …).
/// - flags: `V` verbal trigger, `N` nominal trigger (dropped when it is the object of another trigger),
///   `H` the host speaks (visitor is the object), `T` two-sided (both directions), `F` future/commitment
///   (not filtered by "will"), `O` needs an object that is not a person (protocol "welcomes X" is no event),
///   `S` an evaluation voiced by the speaker ("…, the minister said"), who acts; `M` mediation: the states named
///   with the trigger mediate between the other parties ("the mediation of X", "X-brokered", "brokered by X"); `X` the
///   pattern opens with its subject noun ("the ceasefire … took effect"): a determiner before it does not make it a noun.
/// - slots: space-separated; `a/b/c` alternatives; `*` a gap of up to four words inside the clause.
enum EventLexicon {
    static let patterns = """
    CONSULT|visit|V|visited/visits/visiting
    CONSULT|visit|N|visit/visits/trip
    CONSULT|visit|V|arrived/arrives/arriving in
    CONSULT|visit|V|arrived/arrives/arriving at
    CONSULT|visit|N|port call/calls/visit
    CONSULT|visit|V|arrived/arrives/arriving * for talks
    CONSULT|visit|V|flew/flies/flown into/to
    CONSULT|visit|V|travelled/traveled/travels/travelling/traveling to
    CONSULT|visit|V|touched/touches/touching down in/at
    CONSULT|visit|V|left/leaves/leaving/departed/departs/departing for
    CONSULT|visit|N|stay
    CONSULT|visit|H|received/receives/hosted/hosts
    CONSULT|visit|H|played/plays/playing host to
    CONSULT|auto|V|held/hold/holds/holding talks
    CONSULT|auto|V|held/hold/holds/holding * talks/negotiations/consultations/meeting/meetings
    CONSULT|auto|V|met/meets/meet
    CONSULT|auto|V|met/meets/meet with
    CONSULT|auto|V|convened/convene/convenes
    CONSULT|auto|V|attended by
    CONSULT|auto|V|discussed/discussing/discusses/discuss
    CONSULT|auto|V|negotiated/negotiating
    CONSULT|auto|V|conferred
    CONSULT|phone|V|spoke/speaks * by phone/telephone
    CONSULT|phone|N|phone/telephone call/conversation
    CONSULT|phone|N|video call/conference/link/calls
    CONSULT|phone|V|telephoned/telephones/phoned/phones
    CONSULT|phone|V|called/calls/rang/rings * counterpart/counterparts
    CONSULT|auto|N|round/rounds of negotiations/talks/consultations
    CONSULT|auto|N|for consultations/negotiations
    CONSULT|auto|N|meeting/meetings/talks * between
    CONSULT|auto|N|discussions/discussion * with/between
    CONSULT|visit|H|granted/grants * audience
    CONSULT|auto|N|talks
    CONSULT|auto|N|summit
    CONSULT|-|NM|mediation/mediations of
    CONSULT|-|NM|brokered/mediated
    CONSULT|-|VM|brokered/mediated * deal/ceasefire/truce/agreement/exchange/talks/accord
    AGREE|-|VF|agreed/agree/agrees to
    AGREE|-|VF|agreed/agree/agrees on/that
    AGREE|-|VF|agreed/agree/agrees
    AGREE|-|VF|pledged/pledges/pledge/promised/promises/vowed/vows/vow
    AGREE|-|NF|pledge/promise
    AGREE|-|VF|offered/offers to
    AGREE|-|VF|offered/offers
    AGREE|-|VF|invited/invites/invite
    AGREE|-|VF|accepted/accepts/accept * invitation/offer
    AGREE|-|VF|invitation/offer ** accepted
    AGREE|-|VF|put/puts itself forward
    AGREE|-|VF|consented/consents/consent to
    AGREE|-|VF|settled/settle/settles on
    AGREE|-|VF|shook/shake/shakes hands on
    AGREE|-|VF|earmarked/earmarks/earmark
    AGREE|-|VF|committed/commits to
    AGREE|-|VF|committed/commits on * to
    AGREE|-|NF|commitment
    AGREE|-|VF|reached/reach/reaches * consensus/agreement/deal/accord/understanding
    AGREE|-|VF|deal reached
    AGREE|-|VF|will/shall continue to
    AGREE|-|VF|would provide/support/deliver/send/supply/help/assist/fund/finance/train/donate
    AGREE|-|VF|will/shall enhance/strengthen/promote/boost/deepen/expand/coordinate/cooperate/work/support/set/establish/sign/share/foster/continue/step/hold/provide/deliver/supply/send/donate/give/transfer/fund/finance/train/co-finance/cofinance/build/underwrite/bankroll
    AGREE|-|VF|are/is ready/willing to work/cooperate/share/support/help/provide/assist/strengthen/enhance/deepen/promote/boost/expand/develop/join/coordinate/contribute/continue/mediate/facilitate
    AGREE|-|VF|stands/stood/stand/remains/remained ready to work/cooperate/share/support/help/provide/assist/strengthen/enhance/deepen/promote/boost/expand/develop/join/coordinate/contribute/continue/mediate/facilitate/host/send
    AGREE|-|VF|proposed/proposes
    AGREE|-|VF|expressed * readiness/willingness
    AGREE|-|VF|reaffirmed/reiterated * commitment
    AGREE|-|VF|plan/plans to strengthen/enhance/expand/deepen/boost/step
    SUPPORT|-|V|praised/praises/praise/commended/commends/lauded/lauds/hailed/hails
    SUPPORT|-|V|congratulated/congratulates/congratulate
    SUPPORT|-|VO|welcomed/welcomes
    SUPPORT|-|V|thanked/thanks/thanking/thank
    SUPPORT|-|V|expressed/expresses/expressing * gratitude/appreciation/thanks/support/solidarity
    SUPPORT|-|V|conveyed/conveys/conveying/extended/extends * gratitude/appreciation/thanks/congratulations/condolences
    SUPPORT|-|N|gratitude
    SUPPORT|-|VS|grateful
    SUPPORT|-|V|highly appreciated/appreciates
    SUPPORT|-|V|appreciated/appreciates
    SUPPORT|-|V|endorsed/endorses/backed/backs
    SUPPORT|-|V|reaffirmed/reaffirms/reiterated/affirmed/affirms/expressed/expresses/voiced/voices * support
    SUPPORT|-|V|recognised/recognized/recognises/recognizes
    SUPPORT|-|V|restored/restore * relations/ties
    SUPPORT|-|V|ties/relations ** restored/normalised/normalized/re-established
    SUPPORT|-|V|threw/throws/throw * weight behind
    SUPPORT|-|N|endorsement/endorsements of
    SUPPORT|-|VT|affixed/affix * signatures
    SUPPORT|-|VT|exchanged/exchange * instruments of ratification
    SUPPORT|-|V|applauded/applauds/applaud
    SUPPORT|-|V|sided * with
    SUPPORT|-|V|sides/side with
    SUPPORT|-|V|conferred/confers/bestowed/bestows/awarded/awards * honour/honor/award/medal/order/decoration
    SUPPORT|-|VT|established/establish/establishes/establishing * diplomatic relations/ties
    SUPPORT|-|VT|agreement/agreements/treaty/deal/memorandum/pact/accord/protocol/declaration/convention ** signed/ratified by
    SUPPORT|-|V|honored/honoured/honors/honours
    SUPPORT|-|VT|signed/signs/inked/ratified * agreement/agreements/treaty/treaties/deal/deals/memorandum/memoranda/memorandums/pact/plan/accord/accords/protocol/protocols/declaration/contract/contracts/mou/mous/statement/charter/roadmap/documents/arrangement/arrangements
    SUPPORT|-|VT|signed/signs/inked * road map
    SUPPORT|-|VT|concluded/concludes * agreement/agreements/treaty/deal/deals/memorandum/pact/accord/contract/contracts
    SUPPORT|-|NT|signing of * agreement/agreements/treaty/deal/memorandum/pact/plan/accord/protocol/declaration/contract
    SUPPORT|-|VT|witnessed/witness/witnesses * signing/exchange of * agreement/agreements/memorandum/memoranda/memorandums/mou/mous/accords/deals/documents
    CONCEDE|-|V|pardoned/pardons/pardon
    CONCEDE|-|V|apologised/apologized/apologises/apologizes
    CONCEDE|-|V|expressed * regret
    CONCEDE|-|V|lifted/lifts/eased/eases * ban/restrictions/sanctions/embargo/curfew
    CONCEDE|-|V|backed down
    CONCEDE|-|V|acquitted/acquits/acquit
    CONCEDE|-|V|granted/grants/given * amnesty/pardon/pardons/clemency
    CONCEDE|-|V|commuted/commutes * sentence/sentences
    CONCEDE|-|V|dropped/drops/drop * charges/charge/case
    CONCEDE|-|V|reversed/reverses/rescinded/rescinds/revoked/revokes * decision/order/ban/decree
    CONCEDE|-|V|ending/ended/ends/lifting * embargo/ban/blockade/boycott/restrictions
    CONCEDE|-|V|reopened/reopens * market/markets to
    CONCEDE|-|V|dropped/drops/drop/withdrew/withdrawn/withdraws/abandoned/abandons * objection/objections/demand/demands/veto/opposition/claim/claims/request
    CONCEDE|-|VF|would/will bring * troops/soldiers/forces/contingent * home
    CONCEDE|-|V|quashed/quashes/overturned/overturns
    CONCEDE|-|N|climbdown/u-turn/backdown
    CONCEDE|-|N|mea culpa
    CONCEDE|-|V|caved/caves/cave in
    CONCEDE|-|V|relented/relents/relent
    CONCEDE|-|V|abandoned/abandons/dropped/drops * insistence
    CONCEDE|-|V|waived/waives/waive * fines/fees/fee/visa/visas/requirement/requirements/penalties/duties/tariffs/charges
    CONCEDE|-|VF|agreed/agrees/agree * to reverse/lift/withdraw/drop/scrap/cancel/ease/rescind/revoke
    CONCEDE|-|VF|would/will withdraw/drop/scrap * bill/law/demand/proposal/plan
    CONCEDE|-|VF|would/will pull * troops/forces * out
    CONCEDE|-|VF|would/will withdraw * troops/forces
    COOPERATE|-|V|held/hold/conducted/conduct/concluded/conclude/began/begin/launched/staged * joint
    COOPERATE|-|V|began/begun/started/launched * exercise/drill/drills/exercises/patrols * with
    COOPERATE|-|N|joint exercise/exercises/drill/drills/patrol/patrols/operation/operations
    COOPERATE|-|N|joint military drill/drills/exercise/exercises
    COOPERATE|-|N|joint * exercise/drill
    COOPERATE|-|N|trilateral/bilateral/combined/multinational/multilateral * exercise/exercises/drill/drills/patrol/patrols/games/manoeuvres/maneuvers
    COOPERATE|-|N|exercise/exercises/drill/drills/games involving/between
    COOPERATE|-|V|extradited/extradites
    COOPERATE|-|N|extradition
    COOPERATE|-|V|handed/hands over * suspect/suspects/fugitive/fugitives/national/nationals/citizen/citizens
    COOPERATE|-|N|mutual legal assistance
    COOPERATE|-|VT|jointly dismantled/busted/seized/intercepted/arrested/patrolled/operated/developed/produced/built/launched/conducted/rescued
    COOPERATE|-|V|transferred/transfers * inmates/prisoners/convicts/detainees
    COOPERATE|-|V|launch/launches * joint
    COOPERATE|-|V|delivered/handed * into * custody
    COOPERATE|-|N|joint manoeuvres/maneuvers/sweep/sweeps/operation/raid/raids/investigation/venture
    COOPERATE|-|VT|synchronised/synchronized/synchronise/synchronize/linked * grids/grid/networks
    COOPERATE|-|VT|swapping/swap/swapped/exchanging/exchanged/pooling/pooled * data/intelligence/information
    COOPERATE|-|VT|mounted/mount/mounts * joint
    COOPERATE|-|V|shared/shares/sharing * intelligence/information/data
    COOPERATE|-|V|coordinated/joint patrols
    COOPERATE|-|VO|switched on
    COOPERATE|-|V|shipped
    COOPERATE|-|V|joined/join/joins * exercise/exercises/drill/drills/patrols
    AID|-|V|donated/donates/donating
    AID|-|N|donation/donations
    AID|-|V|delivered/delivers/delivering
    AID|-|V|handed over/handover * supplies/equipment/vehicles/aid/weapons/assistance
    AID|-|V|transfer/transferred/transfers * supplies/equipment/vehicles/aid/weapons/assistance
    AID|-|N|handover of * supplies/equipment/vehicles/aid/assistance
    AID|-|V|provided * by
    AID|-|V|presented
    AID|-|V|airlifted/airlifts
    AID|-|V|granted/grants/given/gave/offered * asylum/aid/loan/sanctuary/refuge
    AID|-|V|rescued/rescues
    AID|-|V|evacuated/evacuates
    AID|-|V|topped/tops up
    AID|-|V|ferrying/ferried/ferries * nationals/citizens/evacuees
    AID|-|V|brought/brings * to safety
    AID|-|V|picked/picks up * tab/bill
    AID|-|V|approved/approves * loan/grant/aid
    AID|-|V|cancelled/canceled/wrote/forgave/forgiven ** debt
    AID|-|V|supplied
    AID|-|V|gifted/gifts
    AID|-|V|handed/hands over * trucks/rifles/vehicles/ambulances/boats/ships/vessels/aircraft/helicopters/radars/systems/uniforms/medicines/vaccines/food/funds/cannon/cannons/motorcycles/arms/ammunition/relief/donation
    AID|-|N|turnover/delivery/deliveries of
    AID|-|V|provided/provides/providing * to
    AID|-|V|sent/sends/dispatched * aid/assistance/supplies/relief/humanitarian
    AID|-|V|airdropped
    AID|-|V|received/receives/receiving * weapons/aid/assistance/equipment/supplies/vehicles/donation/donations * from
    AID|-|V|received/receives/receiving * boats/vessels/ships/aircraft/helicopters/drones/ambulances/trucks/tents/medicines/vaccines/grain/rice/fuel/relief * from
    AID|-|N|loan/loans/grant/grants
    RETREAT|release|V|freed/frees/released/releases/releasing
    RETREAT|release|V|set free
    RETREAT|release|VT|traded/exchanged/swapped * prisoners
    RETREAT|release|NT|prisoner exchange/swap
    RETREAT|release|NT|exchange/exchanges/swap/swaps of prisoners/captives/pows/detainees/hostages
    RETREAT|release|NT|prisoners/pow/pows/prisoner-of-war exchange/swap
    RETREAT|withdraw|V|pulled/pulls back/out
    RETREAT|withdraw|V|withdrew/withdrawn
    RETREAT|withdraw|V|vacated/vacates/vacate
    RETREAT|withdraw|N|withdrawal/pullout/pull-out of * troops/forces/soldiers/contingent
    RETREAT|release|V|handed/hands back
    RETREAT|release|V|let/lets go
    RETREAT|release|V|let/lets * fly/go/return home
    RETREAT|withdraw|N|departure of * troops/forces/soldiers/battalion/contingent
    RETREAT|ceasefire|VT|held/hold/holds * fire
    RETREAT|ceasefire|VTX|truce/ceasefire ** kicked in
    RETREAT|access|V|admitted/admits/allowed/allows/let * monitors/inspectors/observers/investigators/team
    RETREAT|disarm|V|turned/turn/turns/handed/hand in * guns/weapons/arms/rifles
    RETREAT|disarm|V|disarmed/disarms
    RETREAT|ceasefire|VT|silenced/silence * guns/artillery/weapons
    RETREAT|ceasefire|VTX|truce/ceasefire ** began/begins/started/starts
    RETREAT|access|V|reopened/reopens * road/roads/crossing/crossings/corridor/route to
    RETREAT|resign|V|tendered/tenders * resignation
    RETREAT|disarm|V|laid/lay down * weapons/arms
    RETREAT|disarm|V|surrendered
    RETREAT|ceasefire|VTX|truce/ceasefire/cease ** took/takes/came effect/into
    RETREAT|ceasefire|VTX|truce/ceasefire ** holding/held/holds
    RETREAT|ceasefire|VT|agreed/agree * cease/ceasefire/truce
        RETREAT|access|V|allowed/allows/let/admitted ** into
    RETREAT|resign|V|resigned/resigns/quit
    REQUEST|auto|V|called/calls/call on
    REQUEST|auto|V|called/calls/call for
    REQUEST|auto|V|urged/urges/urging
    REQUEST|auto|V|demanded/demands/demanding
    REQUEST|auto|V|asked/asks/asking
    REQUEST|auto|V|appealed/appeals to/for
    REQUEST|auto|V|requested/requests
    REQUEST|auto|N|request
    REQUEST|auto|V|pressed/presses * to
    REQUEST|assist|N|at * request of
    REQUEST|auto|V|sought/seeks/seeking * extradition/assistance/help/release/clarification/explanation/swap/loan/credit/support/aid/bailout/funding/financing/meeting/talks
    REQUEST|auto|N|demand/demands that
    REQUEST|auto|V|turned/turns to * for
    REQUEST|auto|V|implored/implores/implore/beseeched/entreated
    REQUEST|auto|N|appeal to
    REQUEST|auto|V|solicited/solicits/solicit
    REQUEST|auto|V|leaned/leans/lean on * to
    REQUEST|auto|V|pleaded/pleads/plead with
    REQUEST|auto|V|made/makes * representations
    ACCUSE|disapprove|V|condemned/condemns/condemn/condemning
    ACCUSE|disapprove|V|criticised/criticized/criticises/criticizes/criticizing/criticising
    ACCUSE|disapprove|V|denounced/denounces/denouncing
    ACCUSE|disapprove|V|summoned/summons
    ACCUSE|disapprove|V|protested
    ACCUSE|disapprove|V|blamed/blames
    ACCUSE|disapprove|N|breach of * sovereignty
    ACCUSE|disapprove|VS|unacceptable
    REQUEST|-|VS|must stop/end/halt/cease/withdraw/release/return/respect/refrain
    ACCUSE|allege|V|accused/accuses/accusing
    ACCUSE|disapprove|V|alleged/alleging/alleges
    ACCUSE|allege|V|charged/charges that
    ACCUSE|allege|V|charged ** with
    ACCUSE|allege|V|sued/sues
    ACCUSE|investigate|V|opened/launched * investigation/probe/inquiry
    ACCUSE|disapprove|V|deplored/deplores/deploring/slammed/slams/slamming/lambasted/rebuked/rebukes/rebuking/castigated/decried/decries
    ACCUSE|disapprove|V|censured/censures/censure/censuring
    ACCUSE|disapprove|V|lodged/lodges/filed/registered * protest/complaint
    ACCUSE|allege|V|filed/files/lodged/lodges/brought/brings * case/lawsuit/suit/complaint * against
    ACCUSE|disapprove|V|handed/hands/delivered/delivers/sent * protest note/notes
    ACCUSE|disapprove|N|note of protest
    ACCUSE|allege|V|indicted/indicts
    ACCUSE|investigate|N|inquiry/investigation/probe into
    ACCUSE|allege|V|pointed/points * finger at
    ACCUSE|allege|V|linked/links/linking/tied/ties/connected ** to * killing/killings/death/murder/assassination/attack/attacks/bombing/shooting/plot/hacking/sabotage/espionage/spying/explosion/poisoning/kidnapping
    ACCUSE|allege|V|filed/files/brought/brings/pressed * charges against
    ACCUSE|disapprove|V|remonstrated/remonstrates with
    ACCUSE|investigate|V|probe/investigation/inquiry ** launched/opened
    ACCUSE|allege|V|took/takes * to court/arbitration
    ACCUSE|allege|V|took/takes * to the world trade organization/wto/international court
    ACCUSE|disapprove|NS|violation/violations of * sovereignty/independence/airspace/territory/law/ceasefire/agreement/integrity
    ACCUSE|disapprove|N|interference in
    REJECT|auto|V|rejected/rejects/reject/rejecting
    REJECT|auto|N|rejection
    REJECT|auto|V|refused/refuses/refuse
    REJECT|auto|V|turned/turns down
    REJECT|auto|V|dismissed/dismisses
    REJECT|auto|V|vetoed/vetoes
    REJECT|meet|V|called/calls off
    REJECT|meet|V|cancelled/canceled * visit/trip/meeting/talks
    REJECT|auto|V|ignored * offer/offers/request/requests/calls
    REJECT|auto|V|denied * entry
    REJECT|auto|V|excluded/excludes/barred/bars * from
    REJECT|meet|V|postponed/postpones * visit/trip/meeting/talks/summit
    REJECT|meet|V|visit/trip/meeting/talks/summit ** cancelled/canceled/postponed/called off
    REJECT|meet|V|will/would not attend
    REJECT|meet|V|declined/declines/refused/rejected * invitation
    REJECT|auto|V|ruled/rules out
    REJECT|auto|V|barred/bars/refused/refuses/denied/denies * entry
    REJECT|auto|V|blocked/blocks * opening/accession/membership/bid/resolution/statement/candidacy
    REJECT|meet|V|snubbed/snubs/snub
    REJECT|-|V|has/have/had no need for
    REJECT|auto|V|shrugged/shrugs off
    REJECT|auto|V|knocked/knocks back
    REJECT|auto|N|refusal to
    REJECT|auto|V|poured/pours cold water on
    REJECT|auto|V|gave/gives short shrift
    REJECT|auto|V|torpedoed/torpedoes/scuppered/scuppers
    REJECT|auto|V|balked/balks/baulked at
    REJECT|auto|V|kept/keeps * from entering
    REJECT|-|V|not/never recognise/recognize/recognises/recognizes/accept/accepts
    REJECT|-|V|refused/refuses/refuse/declined/declines/decline to recognise/recognize/accept
    THREATEN|auto|VF|threatened/threatens/threatening
    THREATEN|auto|NF|ultimatum
    THREATEN|auto|VF|warned/warns
    THREATEN|-|VF|vowed/vows to retaliate
    THREATEN|-|VF|vowed/vows/promised/promises * respond/retaliate/retaliation/revenge/reprisal
    THREATEN|-|NF|all necessary measures
    THREATEN|arrest|V|arrested in absentia
    THREATEN|arrest|N|wanted list
    THREATEN|auto|VF|gave/gives * hours/days/weeks * to release/free/withdraw/stop/halt/end/comply/respond/return/hand/pull/cease/reverse/lift
    THREATEN|auto|VF|would/will/did/does not rule out * military/force/action/strike/strikes/retaliation/retaliatory/war/attack/attacks
    THREATEN|auto|VF|raised/raises * prospect * of
    THREATEN|auto|NF|threat/threats to
    THREATEN|auto|VF|put/puts * on notice
    THREATEN|auto|VF|served/serves * notice
    THREATEN|auto|VF|cautioned/cautions
    THREATEN|auto|VF|dangled/dangles * threat
    THREATEN|relations|VF|could/might sever/cut/break * ties/relations
    THREATEN|arrest|VF|would/will seek * arrest
    THREATEN|-|VF|reserved/reserves * right to
    THREATEN|-|VF|will/would/shall not go/remain unanswered
    THREATEN|-|VF|will/would be met * response/force
    THREATEN|-|VF|will/would meet * same response
    THREATEN|-|VF|will/would face * consequences
    THREATEN|-|VF|will/would face/pay * fate/price/punishment/retribution/revenge/wrath/response
    ASSAULT|heavy-weapons|V|retaliated/retaliates/retaliating with * missiles/missile/rockets/rocket/drones/strikes
    THREATEN|-|VF|will/would respond firmly/decisively/forcefully/strongly
    THREATEN|-|VF|will/would not stand idle/idly
    THREATEN|-|NF|punitive action
    THREATEN|auto|VF|would/will cut/sever * relations/ties
    THREATEN|relations|VF|will/would recall * unless
    THREATEN|territory|VF|could move to
    THREATEN|arrest|V|issued/issues * arrest warrant
    THREATEN|arrest|N|arrest warrant/warrants
    THREATEN|violence|V|fired/fires/firing * warning shot/shots
    PROTEST|demo|V|rallied/marched/demonstrated
    PROTEST|demo|N|demonstrators/demonstration/rally
    PROTEST|riot|V|rioted/riots/stormed/storms
    PROTEST|riot|V|hurled/hurl/threw/throw * stones/rocks/bottles/eggs/paint/petrol/firebombs
    PROTEST|demo|V|picketed/pickets/picket
    PROTEST|demo|N|sit-in/vigil/picket
    PROTEST|demo|N|human chain
    PROTEST|strike|N|strike by
    PROTEST|riot|V|burned/burnt/torched * tyres/tires/cars/vehicles
    PROTEST|boycott|V|shunned/shuns/shun
    PROTEST|demo|V|defaced/defaces/vandalised/vandalized/vandalises/vandalizes
    PROTEST|strike|N|walkout/walkouts
    PROTEST|strike|V|staged/stage/held * stoppage/stoppages
    PROTEST|demo|V|burned/burnt/burns/tore * flag/flags/effigy/effigies
    PROTEST|strike|V|staged/stage/went/go * strike
    PROTEST|strike|N|general strike
    PROTEST|hunger|N|hunger strike
    PROTEST|hunger|V|refused * food
    PROTEST|boycott|V|boycotted/boycotts/boycott
    PROTEST|boycott|V|walked out
    PROTEST|obstruct|V|blocked/blockaded * crossings/roads/road/highway/border/port
    PROTEST|demo|N|protesters/protestors
    PROTEST|demo|V|protested/protest/gathered/rallied * outside/front
    SANCTION|expel|V|expelled/expels/expel
    SANCTION|expel|N|expulsion
    SANCTION|withdraw|V|recalled/recalls * ambassador/envoy/diplomats/diplomat
    SANCTION|withdraw|V|called/calls/calling/brought/brings home * ambassador/envoy/diplomats
    SANCTION|discontinue|V|broke/breaks/break/breaking off * ties/relations
    SANCTION|discontinue|V|broke/breaks * diplomatic ties/relations
    SANCTION|convict|V|found/finds * liable
    SANCTION|discontinue|V|revoked/revokes/cancelled/canceled * visas/visa/accreditation/licences/licenses
    SANCTION|withdraw|N|closure of * consulate/embassy
    SANCTION|discontinue|V|blacklisted/blacklists/blacklist
    SANCTION|expel|V|shown/showed/shows * door
    SANCTION|withdraw|V|summoned/summons * home
    SANCTION|discontinue|V|pulled/pulls the plug on
    SANCTION|discontinue|V|turned/turns * back on
    SANCTION|withdraw|V|ordered/orders/ordering/called/calls/calling * ambassador/envoy/diplomats * home
    SANCTION|withdraw|N|withdrawal of * ambassador/envoy/charge/diplomats
    SANCTION|discontinue|V|severed/severs/cut/cuts * ties/relations
    SANCTION|discontinue|V|ties/relations ** severed/cut/broken/suspended
    SANCTION|discontinue|V|suspended/suspends/froze/freezes/halted/halts * aid/talks/cooperation/trade/funding/imports/exports/crowns/dollars/million/sales
    SANCTION|-|V|blocked/blocks/banned/bans/barred/bars/restricted/restricts * imports/exports/shipments/goods/products
    SANCTION|discontinue|V|imposed/imposes/slapped * sanctions/freezes/bans/tariffs/embargo
    SANCTION|convict|V|found * guilty
    SANCTION|convict|V|convicted/sentenced
    SANCTION|convict|V|fined
    SANCTION|withdraw|V|will not allow * ambassador
    SANCTION|expel|V|declared/declares/declare ** persona non grata
    SANCTION|expel|V|ordered/orders/told * diplomat/diplomats/ambassador/envoy/attache/staff * to leave
    SANCTION|expel|V|sent/sends * ambassador/envoy * home
    SANCTION|expel|V|asked/asks/ordered/orders/told ** to leave
    SANCTION|withdraw|V|withdrew/withdraws/withdrawn/pulled * ambassador/envoy/diplomats/diplomat/staff
    SANCTION|withdraw|V|closed/closes/shut * consulate/consulates/embassy/embassies
    SANCTION|discontinue|V|suspended/suspends/halted/halts/stopped/stops/ended/ends/terminated/terminates/scrapped/scraps * relations/ties/flights/trade/imports/exports/cooperation/treaty/agreement/deal
    SANCTION|discontinue|V|downgraded/downgrades * ties/relations
    SANCTION|discontinue|V|denounced/denounces/denounce/denouncing * treaty/agreement/pact/accord
    SANCTION|discontinue|V|imposed/imposes/announced/slapped * tariffs/tariff/sanctions/embargo
    SANCTION|discontinue|V|sanctions/embargo ** imposed/slapped/placed on
    MOBILIZE|auto|V|deployed/deploys/deploying
    MOBILIZE|auto|V|massed/masses
    MOBILIZE|auto|V|amassed/amasses
    MOBILIZE|auto|V|positioned
    MOBILIZE|auto|N|arrival of * troops/soldiers/forces/warships
    MOBILIZE|auto|V|rushed/rushes * police/troops/soldiers/reinforcements/forces
    MOBILIZE|auto|V|summoned/called * to the colours/colors
    MOBILIZE|auto|V|moved/moves * troops/tanks/forces/artillery/warships/missiles/armour/armor/divisions/brigades/battalions
    MOBILIZE|auto|V|dispatched/dispatches/sent/sends * frigate/frigates/warship/warships/destroyer/destroyers/jets/bombers/battalion/battalions
    MOBILIZE|auto|V|called/calls up * reservists/reserves/conscripts/volunteers
    MOBILIZE|auto|V|reservists/reserves/conscripts/volunteers ** called up
    MOBILIZE|auto|V|scrambled/scrambles * jets/fighters/aircraft/planes
    MOBILIZE|weapons|V|test - fired/fires
    MOBILIZE|auto|V|beefed/beefs/bolstered/bolsters * presence/forces/troops/defences/defenses
    MOBILIZE|auto|V|ordered/orders * reservists/reserves * report
    MOBILIZE|auto|V|puts/put/placed/places * on * readiness/footing
    MOBILIZE|auto|V|sent/sends * carrier/carriers/submarine/submarines
    MOBILIZE|auto|V|mobilised/mobilized/mobilises/mobilizes
    MOBILIZE|auto|N|buildup/mobilisation/mobilization
    MOBILIZE|auto|V|put/placed * on * alert
    MOBILIZE|auto|V|puts/put/placed/places ** on high/full/maximum/combat/heightened/highest alert/readiness
    MOBILIZE|auto|V|sent/sends * convoys/troops/reinforcements/warships/soldiers/fighters
    MOBILIZE|auto|V|launched/launches/began/begins * exercise/drills/exercises
    MOBILIZE|weapons|V|launched/launches/fired/fires * missile/missiles/rocket/rockets/ballistic
    MOBILIZE|weapons|N|missile launch/launches/test/tests
    MOBILIZE|auto|V|held/holds/conducted/conducts/staged/stages * drills/exercises/exercise/maneuvers/manoeuvres
    COERCE|arrest|V|detained/detains/arrested/arrests
    COERCE|deport|V|deported/deports/deporting
    COERCE|deport|V|sent home
    COERCE|seize|V|seized/seizes/seize/confiscated/raided
    COERCE|censor|V|blocked/blocks * access
    COERCE|curfew|V|imposed/imposes/declared * curfew
    COERCE|martial-law|V|declared/imposed * martial law/emergency
    COERCE|withhold|V|cut/shut * internet/electricity/services/power
    COERCE|cyber|V|hacked
    COERCE|cyber|V|broke/breaks/broken into * servers/networks/systems/computers/accounts
    COERCE|cyber|N|cyberattack/cyberattacks/cyber-attack/cyber-attacks
    COERCE|arrest|V|rounded/rounds up
    COERCE|censor|V|jamming/jammed/jams * signal/signals/broadcasts/gps
    COERCE|restrict|N|exit ban
    COERCE|restrict|V|barred/bars * from leaving
    COERCE|seize|N|confiscation of
    COERCE|censor|V|ordered/orders/took/takes * off the air/airwaves
    COERCE|cyber|V|siphoned/siphons/stole/steals * data
    COERCE|restrict|V|sealed/seals off
    COERCE|deport|V|bused/bussed/trucked/flew * migrants/refugees * back
    COERCE|withhold|V|throttled/throttles * flow/supply/supplies
    COERCE|arrest|N|arrest/arrests/detention of
    COERCE|arrest|V|took/taken * into custody
    COERCE|arrest|V|apprehended/apprehends
    COERCE|seize|N|seizure of
    COERCE|seize|V|impounded/impounds/boarded
    COERCE|seize|V|intercepted/intercepts/intercepting * vessel/vessels/ship/ships/boat/boats/trawler/trawlers/tanker/tankers/jigger/freighter/dhow/dhows/yacht/fishermen
    COERCE|seize|V|towed/tows/escorted/escorts * to port/harbour/harbor/shore
    COERCE|seize|VX|vessel/vessels/ship/ships/boat/boats/trawler/trawlers/tanker/tankers/freighter/dhow/dhows/yacht ** were/was intercepted
    COERCE|restrict|V|closed/closes/shut/sealed/seals * border/borders/crossing/crossings/airspace
    COERCE|restrict|N|closure of * border/borders/crossing/crossings/airspace
    COERCE|deport|N|deportation/deportations
    ASSAULT|auto|V|killed/kills/killing
    ASSAULT|auto|V|attacked/attacks/attack
    ASSAULT|auto|N|attacks/attack
    ASSAULT|auto|V|shelled/shelling/shell/bombed/bombing/bombarded/pounded/pounds/pounding
    ASSAULT|auto|N|bombardment/shelling/airstrike/airstrikes
    ASSAULT|auto|V|struck/strikes/strike/hit/hits/targeted
    ASSAULT|auto|N|strikes
    ASSAULT|auto|V|fired/fires * at/on
    ASSAULT|auto|V|fired/fires * tear
    ASSAULT|auto|VT|exchanged * fire
    ASSAULT|auto|VT|traded/trade/trading/exchanged * gunfire/fire/shots
    ASSAULT|auto|VT|clashed/clashes
    ASSAULT|auto|NT|clashes/fighting
    ASSAULT|abduct|V|kidnapped/abducted/snatched
    ASSAULT|auto|V|battered/batters/pummelled/pummeled/pummels/strafed/strafes
    ASSAULT|auto|VT|skirmished/skirmishes
    ASSAULT|firearms|V|gunned/guns down
    ASSAULT|targeted|V|assassinated
    ASSAULT|crowd-control|V|fired/fires/used/uses/sprayed/sprays/deployed * water cannon/cannons
    ASSAULT|crowd-control|V|blasted/blasts/hit/hits/targeted/targets/doused/douses * with water cannon/cannons
    ASSAULT|firearms|V|opened/open fire
    ASSAULT|firearms|V|returned/return/returns fire
    ASSAULT|auto|V|rammed/rams
    ASSAULT|auto|V|invaded/invades
    ASSAULT|auto|V|launched/launches * strike/strikes/attack/attacks/offensive/airstrikes
    AGREE|-|VF|lend/lends ** loan/credit/million/billion
    SUPPORT|-|V|endorse/endorsing
    SUPPORT|-|V|ratified/ratifies * treaty/agreement/pact/accord/deal/convention with
    CONCEDE|-|V|lifted/lifts * suspension/freeze/moratorium
    COOPERATE|-|V|passed/passes/handed/hands ** intelligence/records/evidence/files
    COOPERATE|-|V|carried/carries/carry out * joint
    COOPERATE|-|VT|patrolled/raided/searched * together
    AID|-|V|sent/sends * batch/shipment/consignment/consignments/shipments/planeload/planeloads of
    AID|-|V|carrying/carried * tents/medicines/medicine/food/aid/supplies/relief/blankets
    AID|-|V|transferred/transfers * million/billion
    RETREAT|release|V|walked/walk free
    RETREAT|resign|V|stepped/steps down
    RETREAT|access|V|granted/grants * access
    RETREAT|withdraw|V|left/leave/leaves * waters/zone/area
    ACCUSE|disapprove|V|called/calls in ** ambassador/envoy/chargé/charge/diplomat/diplomats/representative
    REJECT|assist|V|declined/declines/refused/refuses/turned/turns down * offers/offer/help/assistance/aid
    REJECT|meet|V|put/puts off * trip/visit/talks/meeting
    THREATEN|auto|VF|stop/halt/cut/hit/strike/suspend/close/expel/attack/target/block/ban * if
    PROTEST|strike|V|downed tools
    PROTEST|hunger|V|gone/went/go without food
    PROTEST|-|N|protest at/against
    SANCTION|discontinue|V|suspended/suspends * support
    SANCTION|withdraw|V|pulled/pulls * observers/monitors/peacekeepers/contingent * out
    MOBILIZE|police|V|sent/sends/dispatched * police/officers/policemen/gendarmes to
    MOBILIZE|weapons|V|stationed/stations/positioned/positions * missile/missiles/launchers/warheads/bombers
    COERCE|censor|V|suspended/suspends/revoked/revokes * licence/license/broadcasts of
    COERCE|cyber|N|cyber attack/attacks
    COERCE|misinformation|V|spread/spreads * fabricated/false/fake reports/news/claims/stories
    ASSAULT|firearms|NT|gun battle/battles
    ASSAULT|firearms|NT|gunbattle/gunbattles/firefight/firefights
    ASSAULT|firearms|V|shot/shoots dead
    """

    struct Pattern {
        var type: String
        var mode: String?
        var autoMode: Bool
        var nominal: Bool
        var host: Bool
        var twoSided: Bool
        var future: Bool
        var needsObject: Bool
        /// An evaluation ("unacceptable", "grateful"): the speaker acts, on the other state of the clause.
        var speakerActs: Bool
        /// Mediation ("the mediation of X", "an X-brokered deal"): X consults each party, the parties meet or agree.
        var mediation: Bool
        /// The pattern opens with its subject noun ("the ceasefire … took effect"): a clause, not a noun phrase.
        var subjectNoun = false
        /// A drill or exercise held by one state (MOBILIZE), which gives way when the sentence calls it joint.
        var soloDrill = false
        /// A joint exercise, drill or patrol (COOPERATE), whose parties are all the states it names.
        var exercise = false
        /// Slots; an empty slot is a gap.
        var slots: [Set<String>]
        /// A long gap (`**`) holds the verb's object: "declared X persona non grata".
        var longGap = false
        var text: String
    }

    static let parsed: [Pattern] = {
        var out = [Pattern]()
        for line in patterns.split(separator: "\n") {
            let cols = line.split(separator: "|").map { String($0).trimmingSpaces }
            guard cols.count == 4 else { continue }
            let flags = cols[2]
            var slots = [Set<String>]()
            for s in cols[3].split(separator: " ") {
                if s == "*" {
                    slots.append([])
                } else if s == "**" {
                    slots.append(["**"])
                } else {
                    slots.append(Set(s.split(separator: "/").map { Fold.normalize(String($0)) }))
                }
            }
            // a verb's progressive form from its past form: "expelled" → "expelling" ("is expelling the envoys")
            if flags.contains("V"), !slots.isEmpty, !slots[0].contains(where: { $0.hasSuffix("ing") }) {
                for w in slots[0] where w.hasSuffix("ed") && w.count > 4 {
                    let ing = progressive(ofPast: w)
                    if !nounLikeProgressives.contains(ing) { slots[0].insert(ing) }
                }
            }
            var pattern = Pattern(
                type: cols[0], mode: cols[1] == "-" || cols[1] == "auto" ? nil : cols[1], autoMode: cols[1] == "auto",
                nominal: flags.contains("N"), host: flags.contains("H"), twoSided: flags.contains("T"),
                future: flags.contains("F"), needsObject: flags.contains("O"), speakerActs: flags.contains("S"),
                mediation: flags.contains("M"), slots: slots, text: cols[3])
            let drillWords = ["exercise", "drill", "patrol", "joint", "games", "manoeuvres", "maneuvers"]
            pattern.subjectNoun = flags.contains("X")
            pattern.longGap = slots.contains { $0.contains("**") }
            pattern.soloDrill = pattern.type == "MOBILIZE" && drillWords.contains { pattern.text.contains($0) }
            pattern.exercise = pattern.type == "COOPERATE" && drillWords.contains { pattern.text.contains($0) }
            out.append(pattern)
        }
        return out
    }()

    /// -ing forms that are more often nouns than verbs ("the shipping industry", "a training centre").
    static let nounLikeProgressives: Set<String> = [
        "shipping", "training", "funding", "meeting", "building", "offering", "spending", "ruling", "landing", "crossing",
        "hearing", "opening", "closing", "standing", "housing", "setting", "finding", "funding", "planning", "firing",
        "launching", "signing", "spending", "dealing", "trading", "banking", "mining", "fishing", "farming", "engineering",
    ]

    /// "expelled" → "expelling", "praised" → "praising", "agreed" → "agreeing", "supplied" → "supplying".
    static func progressive(ofPast w: String) -> String {
        let stem = String(w.dropLast(2))
        if w.hasSuffix("ied") { return String(w.dropLast(3)) + "ying" }
        if w.hasSuffix("eed") { return stem + "eing" }
        return stem + "ing"
    }

    /// A courtesy call on a person ("called on Uganda's President"): a meeting, which the matcher first reads as the
    /// request "called on … to" (see `isCourtesyCall`).
    static let courtesyCall: Pattern = Pattern(
        type: "CONSULT", mode: nil, autoMode: true, nominal: false, host: false, twoSided: false, future: false,
        needsObject: false, speakerActs: false, mediation: false, slots: [["called", "calls", "call", "calling"], ["on"]],
        text: "called/calls/call on")

    /// The joint exercise's pattern (COOPERATE), for a drill whose subject coordinates several states.
    static let jointExercise: Pattern? = parsed.first { $0.exercise && $0.nominal }

    /// ``Pattern/soloDrill`` of each pattern, read where triggers are matched (a Pattern copy costs a retain per member).
    static let soloDrill: [Bool] = parsed.map(\.soloDrill)

    /// First word → patterns that start with it.
    static let byFirst: [String: [Int]] = {
        var m = [String: [Int]]()
        for (i, p) in parsed.enumerated() {
            for w in p.slots[0] { m[w, default: []].append(i) }
        }
        return m
    }()

    static var allWords: [String] {
        var s = Set<String>()
        for p in parsed { for slot in p.slots { s.formUnion(slot) } }
        return Array(s)
    }
}
