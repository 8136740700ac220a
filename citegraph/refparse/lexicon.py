"""Short, well-known word lists used as dictionary features (lower-case, no punctuation)."""

from __future__ import annotations

__all__ = ["MONTHS", "GIVEN", "PUBLISHER", "PLACE", "JOURNAL", "ORG", "PARTICLES", "GENRE", "WEB", "EDITOR", "LEXICON"]

MONTHS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn fall winter
janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre
januar februar märz maerz juni juli oktober dezember enero febrero marzo abril mayo junio julio agosto
""".split())

GIVEN = frozenset("""
john james robert michael william david richard joseph thomas charles christopher daniel matthew anthony
mark donald steven paul andrew joshua kenneth kevin brian george edward ronald timothy jason jeffrey ryan
jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel frank gregory raymond
alexander patrick jack dennis jerry tyler aaron jose henry adam douglas nathan peter zachary kyle walter
harold jeremy ethan carl keith roger gerald christian terry sean arthur austin noah lawrence jesse joe
bryan billy jordan albert dylan bruce willie gabriel alan juan logan wayne ralph roy eugene randy vincent
russell louis philip bobby johnny bradley mary patricia jennifer linda elizabeth barbara susan jessica
sarah karen nancy lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda
melissa deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda
pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria heather
diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea
hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris abigail
julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella
charlotte rose alexis kayla jean pierre jacques michel philippe alain françois francois marc nicolas
hans klaus wolfgang jürgen juergen stefan andreas thomas karl heinz friedrich carlos luis miguel antonio
manuel francisco pedro giovanni giuseppe marco luca paolo ivan sergei vladimir dmitri olga natalia
wei li ming hui jing yan xin lei jun hong ying yu hao fang ling chen yang hiroshi takashi kenji yuki akira
""".split())

PUBLISHER = frozenset("""
press publishing publishers publisher publications books verlag editions éditions edition university
wiley springer elsevier routledge sage pearson mcgraw-hill macmillan penguin blackwell kluwer oxford
cambridge harvard princeton yale mit academic norton taylor francis palgrave ieee acm addison-wesley
prentice hall houghton mifflin harper collins random house basic doubleday knopf dover crc lippincott
mosby saunders thieme karger brill gruyter suhrkamp beck hanser presses universitaires puf gallimard
seuil dunod masson armand colin harmattan inc ltd llc co gmbh ag pub
bloomsbury continuum polity verso zed earthscan guilford erlbaum jossey-bass jossey emerald igi nova hindawi
mdpi frontiers plos wolters lww aip iop rsc siam usenix morgan kaufmann o'reilly apress manning packt
birkhäuser birkhauser vieweg teubner kohlhammer vandenhoeck ruprecht siebeck nomos reclam rowohlt klett
duncker humblot laterza einaudi feltrinelli mulino zanichelli alianza paidós paidos cátedra akal gredos
vozes zahar fayard flammarion payot vrin karthala découverte decouverte belin hachette larousse klincksieck
droz brepols peeters nauka universitaria universitária universitat universität universidad universidade
università université universite universitaires univ pr publ pubs verlagsgesellschaft editora editorial
editore editori edizioni ediciones edições edicoes uitgeverij förlag forlag wydawnictwo printed printing
imprint associates sons bros corp corporation limited plc srl pergamon clarendon hmso stationery gpo spie
asme asce aiaa sae osa iet iee scientific informa intech intechopen lambert vdm lulu createspace xlibris
authorhouse iuniverse wiley-blackwell butterworth-heinemann heinemann butterworth methuen faber chatto
vintage bantam picador granta hutchinson cassell longman longmans heinle cengage wadsworth thomson brooks/cole
jones bartlett lippincott sinauer freeman benjamin/cummings cummings worth bedford wiley-vch
""".split())

PLACE = frozenset("""
london paris berlin new york boston chicago washington dc cambridge oxford amsterdam philadelphia
san francisco los angeles toronto montreal tokyo beijing shanghai hong kong singapore sydney melbourne
munich münchen muenchen frankfurt hamburg wien vienna zurich zürich geneva genève leipzig stuttgart
heidelberg madrid barcelona rome roma milan milano lyon marseille bruxelles brussels leiden dordrecht
heidelberg stockholm oslo copenhagen helsinki moscow delhi mumbai thousand oaks newbury park hoboken
englewood cliffs upper saddle river baltimore berkeley princeton new haven ann arbor ithaca lanham
basingstoke abingdon chichester malden hillsdale mahwah norwood greenwich westport durham minneapolis
ny ma ca uk usa nj il pa tx ct md mi nc
bristol manchester edinburgh glasgow dublin belfast cardiff liverpool leeds birmingham sheffield nottingham
cape town johannesburg pretoria nairobi lagos cairo istanbul ankara tehran seoul taipei jakarta bangkok manila
kuala lumpur canberra brisbane perth adelaide auckland wellington ottawa vancouver calgary montréal québec quebec
mexico são sao paulo rio janeiro buenos aires santiago lima bogotá bogota caracas lisbon lisboa porto coimbra
warsaw warszawa kraków krakow prague praha budapest bucharest athens zagreb ljubljana belgrade sofia kiev kyiv
petersburg leningrad moskva novosibirsk göttingen gottingen tübingen tubingen bonn köln koln cologne freiburg
mainz bern basel lausanne utrecht groningen rotterdam antwerp antwerpen leuven louvain ghent gent florence
firenze torino turin napoli naples bologna padova venezia venice bordeaux toulouse lille strasbourg grenoble
nantes rennes montpellier evanston urbana champaign madison austin houston dallas atlanta miami seattle portland
denver pittsburgh cleveland detroit nashville columbus cincinnati indianapolis bloomington stanford palo alto
pasadena irvine diego boulder albany amherst bethesda rockville arlington alexandria reston raleigh sebastopol
redmond armonk piscataway norwell burlington waltham oxon hove sussex surrey farnham aldershot cheltenham
northampton totowa lanham boca raton orlando tampa cambridge oakland hanover hannover dresden bremen düsseldorf
dusseldorf nürnberg nuremberg wiesbaden weinheim darmstadt karlsruhe kiel münster munster jena halle mannheim
würzburg wurzburg augsburg regensburg innsbruck graz salzburg uppsala lund aarhus bergen trondheim reykjavik
tallinn riga vilnius minsk tbilisi yerevan baku almaty tashkent karachi lahore islamabad dhaka kolkata calcutta
chennai madras bangalore bengaluru hyderabad pune kathmandu colombo hanoi nanjing wuhan guangzhou shenzhen
hangzhou tianjin chengdu xi'an xian kyoto osaka nagoya sendai
england scotland wales ireland germany france netherlands switzerland italy spain china japan india canada
australia brazil russia austria belgium sweden norway denmark finland poland portugal greece israel
california texas massachusetts virginia maryland illinois michigan ohio florida georgia oregon colorado
connecticut jersey carolina pennsylvania wisconsin minnesota indiana kansas missouri tennessee kentucky
louisiana arizona utah iowa nebraska oklahoma alabama
va wa fl ga co mn wi az or mo tn ky oh ut nh ri vt nm nv ia ks ne sc
""".split())

JOURNAL = frozenset("""
journal j proceedings proc review rev transactions trans letters lett annals ann bulletin bull quarterly
conference conf symposium symp workshop international int intl national natl magazine research res
science sci studies stud medicine med acta archives arch reports rep society soc american am european eur
physical phys chemical chem biology biol communications commun advances adv nature clinical clin
""".split())

ORG = frozenset("""
center centre institute organization organisation association university department ministry council
foundation society committee commission bank group agency bureau office corporation company government
nations union board authority administration network news statista inc ltd federation league service
services trust party team
""".split())

PARTICLES = frozenset("van von der den de del della di da du la le dos das ter ten zu af al el bin ibn".split())

GENRE = frozenset("""
thesis dissertation phd ph.d doctoral master's masters report technical tech manuscript unpublished
preprint working paper draft communication patent standard film video
presented poster meeting msc mphil diplomarbeit habilitationsschrift mémoire memoire tesis tese tesi
brief briefing memorandum memo whitepaper white discussion lecture keynote talk speech seminar
""".split())

#: words of web and access notes
WEB = frozenset("""
retrieved accessed available online viewed consulted consulté consulte abgerufen zugriff zugegriffen
website web homepage blog site internet url doi pdf html en ligne disponible acesso
""".split())

EDITOR = frozenset("ed ed. eds eds. editor editors edited hrsg hrsg. dir. éd. (ed.) (eds.) (ed) (eds)".split())

#: feature name -> word set, for the dictionary features.
LEXICON = {
    "month": MONTHS,
    "given": GIVEN,
    "pub": PUBLISHER,
    "place": PLACE,
    "jour": JOURNAL,
    "org": ORG,
    "part": PARTICLES,
    "genre": GENRE,
    "web": WEB,
}
