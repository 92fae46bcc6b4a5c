"""Access to youth assistance (slug `toegang-jeugdhulp`): the supplementary statement, version 1."""

from statements.seed.common import DPO_CONTACT, EEA_TRANSFERS, NO_ARTICLE, section

# The law a retention rule rests on, and the first of the legal bases.
YOUTH_ACT = {
    "nl": "Jeugdwet",
    "en": "Youth Act",
}

STATEMENT = {
    "slug": "toegang-jeugdhulp",
    "title": {
        "nl": "Privacyverklaring toegang jeugdhulp",
        "en": "Privacy statement Access to youth assistance",
    },
    "intro": {
        "nl": (
            "Dit is een aanvulling op de algemene privacyverklaring van de gemeente "
            "Heerlen. In deze korte privacyverklaring leggen wij uit welke "
            "persoonsgegevens wij van u gebruiken. En ook waarvoor wij ze gebruiken en hoe "
            "lang wij ze bewaren."
        ),
        "en": (
            "This statement supplements the general privacy statement of the Municipality "
            "of Heerlen. In this short statement we explain which personal data we process "
            "about you, for what purposes, and how long we keep your data."
        ),
    },
    "contact": DPO_CONTACT,
    "sections": [
        section(
            "why",
            {
                "nl": (
                    "De taken van de gemeente voor jeugdhulp staan in de Jeugdwet. Het "
                    "gaat om preventie, ondersteuning, hulp en zorg voor kinderen, "
                    "jongeren en hun ouders. Bij problemen met opgroeien en opvoeden, bij "
                    "psychische problemen en bij stoornissen.\n\n"
                    "De gemeente moet zorgen voor jeugdhulp. De gemeente is bijvoorbeeld "
                    "verantwoordelijk voor de toegang tot jeugdhulp. En voor het inkopen "
                    "en betalen van jeugdhulp. Wij geven de jeugdhulp niet zelf. Dat doen "
                    "professionals met wie de gemeente een contract heeft.\n\n"
                    "Daarvoor werken wij met persoonsgegevens."
                ),
                "en": (
                    "The tasks of the municipality for youth assistance are laid down in "
                    "the Youth Act. They concern prevention, support, help and care for "
                    "children, young people (adolescents) and their parents, with problems "
                    "in growing up and parenting, psychological problems and disorders.\n\n"
                    "The municipality has the task of providing youth assistance. For "
                    "example, the municipality is responsible for access to youth "
                    "assistance, and for purchasing it and paying for it. We do not "
                    "provide the youth assistance ourselves. Professionals contracted by "
                    "the municipality do that.\n\n"
                    "To do this, we work with personal data."
                ),
            },
        ),
        section(
            "data",
            {
                "nl": (
                    "Wij gebruiken deze gegevens:\n\n"
                    "- Naam, adres en woonplaats\n"
                    "- Contactgegevens van de jongere voor wie de aanvraag is, en van de "
                    "gezaghebbende ouder(s)/wettelijk vertegenwoordiger\n"
                    "- Burgerservicenummer (BSN) van de jongere voor wie de aanvraag is, "
                    "en van de gezaghebbende ouder(s)/wettelijk vertegenwoordiger\n"
                    "- Contactgegevens zoals telefoonnummer en e-mailadres van de "
                    "gezaghebbende ouder(s)/wettelijk vertegenwoordiger en, als dat van "
                    "toepassing is, van de jongere\n"
                    "- Contactgegevens van het sociale netwerk\n"
                    "- Woonsituatie\n"
                    "- Gezinssamenstelling\n"
                    "- Gegevens over veiligheid (risico's)\n"
                    "- Gegevens over de ontwikkeling en opvoeding van de jongere\n"
                    "- Verslagen over de hulp die de jongere eerder heeft gehad\n"
                    "- Contactgegevens en resultaten van hulpverleners die al betrokken "
                    "zijn\n"
                    "- Gegevens over gezondheid en/of diagnoses, als dat nodig is\n"
                    "- Informatie over de jeugdhulp die nodig is en die is gegeven\n"
                    "- De reden waarom de zorg is gestopt\n"
                    "- Verwijzer of aanvrager van jeugdhulp (zoals een jeugdprofessional, "
                    "huisarts, school of OKT)\n"
                    "- Informatie over bezwaar\n"
                    "- Productcode (hoe zwaar de zorg is)"
                ),
                "en": (
                    "The data we use includes:\n\n"
                    "- Name, address and place of residence\n"
                    "- Contact details of the young person the request is about, and of "
                    "the custodial parent(s)/legal representative\n"
                    "- Citizen service number (BSN) of the young person the request is "
                    "about, and of the custodial parent(s)/legal representative\n"
                    "- Contact information such as phone number and e-mail address of the "
                    "custodial parent(s)/legal representative and, if applicable, of the "
                    "young person\n"
                    "- Contact information of the social network\n"
                    "- Living situation\n"
                    "- Family composition\n"
                    "- Safety (risk) data\n"
                    "- Data on the young person's development and upbringing\n"
                    "- Records of the help the young person has had before\n"
                    "- Contact details and results of social workers who are already "
                    "involved\n"
                    "- Health and/or diagnostic data, as needed\n"
                    "- Information on the youth assistance needed and delivered\n"
                    "- Reason for ending the care\n"
                    "- Referrer or applicant for youth assistance (such as a youth care "
                    "professional, family doctor, school or OKT)\n"
                    "- Information about an objection\n"
                    "- Product code (how intensive the care is)"
                ),
            },
        ),
        section(
            "uses",
            {
                "nl": (
                    "Wij gebruiken uw persoonsgegevens voor deze doelen:\n\n"
                    "- U de weg wijzen naar de juiste jeugdhulp\n"
                    "- Aanmelden voor preventieve en ambulante jeugdhulp bij JenS\n"
                    "- Vragen beantwoorden en contactmomenten vastleggen\n"
                    "- Vaststellen welke gemeente verantwoordelijk is "
                    "(woonplaatsbeginsel)\n"
                    "- Uitgebreid uitzoeken wat uw hulpvraag is (brede vraagverheldering)\n"
                    "- Een analyseverslag maken met het besluit over de inzet van "
                    "jeugdhulp\n"
                    "- Opdrachten geven en maatwerkafspraken maken voor de (specifieke) "
                    "jeugdhulp\n"
                    "- Het gezagsregister raadplegen\n"
                    "- Een gezinsplan maken met doelen die bereikt moeten worden\n"
                    "- Een jeugdhulpaanbieder toestemming geven om de hulpvrager te "
                    "helpen\n"
                    "- Kosten vergoeden aan aanbieders van jeugdhulp\n"
                    "- Dossiers bijhouden over het toekennen van jeugdhulp en over de "
                    "financiële afhandeling\n"
                    "- Het budget bewaken en de kosten en contracten beheersen\n"
                    "- Onderzoek doen naar de tevredenheid van klanten en/of cliënten"
                ),
                "en": (
                    "We use your personal data for these purposes:\n\n"
                    "- Guiding you to the right youth assistance\n"
                    "- Registering for preventive and outpatient youth care at JenS\n"
                    "- Answering questions and recording contact moments\n"
                    "- Establishing which municipality is responsible (the residence "
                    "principle)\n"
                    "- Carrying out a broad clarification of your request for help\n"
                    "- Preparing an analysis report with the decision on the use of youth "
                    "assistance\n"
                    "- Issuing orders and making tailored agreements for the (specific) "
                    "youth assistance\n"
                    "- Consulting the custody register\n"
                    "- Making a family plan with goals to be achieved\n"
                    "- Giving a youth assistance provider permission to help the person "
                    "asking for help\n"
                    "- Reimbursing costs to providers of youth assistance\n"
                    "- Keeping records for awarding youth assistance and for the financial "
                    "processing\n"
                    "- Monitoring the budget and controlling costs and contracts\n"
                    "- Doing customer and/or client satisfaction surveys"
                ),
            },
        ),
        section(
            "recipients",
            {
                "nl": (
                    "Als dat nodig is, delen wij uw gegevens met andere partijen. Deze "
                    "partijen werken samen met de gemeente om de Jeugdwet uit te voeren.\n\n"
                    "Hebben wij informatie van andere partijen nodig om uw hulpvraag te "
                    "beoordelen? Dan hebben wij soms uw toestemming nodig. Dat bespreken "
                    "wij met u."
                ),
                "en": (
                    "If necessary, we share your data with other parties. These parties "
                    "work together with the municipality to carry out the Youth Act.\n\n"
                    "If we need information from other parties to assess your request for "
                    "help, we sometimes need your permission. We will discuss this with "
                    "you."
                ),
            },
        ),
        EEA_TRANSFERS,
        section(
            "retention",
            {
                "nl": (
                    "Wij bewaren persoonsgegevens niet langer dan nodig is voor onze "
                    "taken, of dan in de Archiefwet staat. In de gevallen hieronder "
                    "bewaren wij persoonsgegevens zo lang als de termijn die erbij staat."
                ),
                "en": (
                    "We do not keep personal data longer than necessary for our tasks, or "
                    "than the Archives Act states. In the cases below, we keep personal "
                    "data for the period stated."
                ),
            },
        ),
        section(
            "legal_basis",
            {
                "nl": (
                    "Wij mogen persoonsgegevens alleen gebruiken als een wet dat regelt. "
                    "De wet verplicht de gemeente om u te helpen. De gemeente mag "
                    "persoonsgegevens alleen verwerken en delen als de Jeugdwet dat "
                    "toestaat.\n\n"
                    "Zonder deze wet mag de gemeente gegevens alleen delen als de jongere "
                    "en/of de gezaghebbende ouder(s)/wettelijk vertegenwoordiger daar "
                    "toestemming voor geeft."
                ),
                "en": (
                    "To use personal data, a law is required. The municipality is required "
                    "by law to help you. The municipality may only process and share "
                    "personal data if the Youth Act allows it.\n\n"
                    "Without this law, the municipality may only share data with the "
                    "consent of the young person and/or the custodial parent(s)/legal "
                    "representative."
                ),
            },
        ),
    ],
    "recipients": [
        {
            "name": {
                "nl": "Jeugdhulpaanbieders met een contract (via de gemeente Maastricht)",
                "en": (
                    "Contracted youth assistance providers (through the Municipality of Maastricht)"
                ),
            },
            "role": "partner",
            "description": {
                "nl": (
                    "Als dat nodig is, delen wij uw gegevens met jeugdhulpaanbieders met "
                    "wie de gemeente een contract heeft. Dat gaat via de gemeente "
                    "Maastricht."
                ),
                "en": (
                    "If necessary, we share your data with youth assistance providers the "
                    "municipality has a contract with. This goes through the Municipality "
                    "of Maastricht."
                ),
            },
        },
        {
            "name": {
                "nl": "JenS",
                "en": "JenS",
            },
            "role": "partner",
            "description": {
                "nl": (
                    "Wij delen gegevens met JenS om u aan te melden voor preventieve en "
                    "ambulante jeugdhulp."
                ),
                "en": (
                    "We share data with JenS for registration for preventive and "
                    "outpatient youth care."
                ),
            },
        },
        {
            "name": {
                "nl": "Verwijzers",
                "en": "Referrers",
            },
            "role": "partner",
            "description": {
                "nl": (
                    "Soms delen wij gegevens met de verwijzer. Dat is bijvoorbeeld een "
                    "jeugdprofessional, huisarts, school of OKT."
                ),
                "en": (
                    "Sometimes we share data with the referrer, such as a youth care "
                    "professional, family doctor, school or OKT."
                ),
            },
        },
        {
            "name": {
                "nl": "Sociale Verzekeringsbank (SVB)",
                "en": "Social Insurance Bank (Sociale Verzekeringsbank, SVB)",
            },
            "role": "partner",
            "description": {
                "nl": (
                    "Soms delen wij gegevens met de Sociale Verzekeringsbank. Dat is voor "
                    "het persoonsgebonden budget (pgb)."
                ),
                "en": (
                    "Sometimes we share data with the Social Insurance Bank, for the "
                    "personal budget (pgb)."
                ),
            },
        },
    ],
    "retention_rules": [
        {
            "code": "youth-assistance-records",
            "condition": {
                "nl": (
                    "Het gaat om gegevens die wij voor jeugdhulp hebben gebruikt. Dit geldt "
                    "ook als wij de jeugdhulp hebben geweigerd."
                ),
                "en": (
                    "The data was processed for youth assistance. This also applies when we "
                    "refused the assistance."
                ),
            },
            "period": "P20Y",
            "clock_start": "case_closed",
            "legal_basis": {
                "nl": "Archiefwet",
                "en": "Archives Act",
            },
        },
        {
            "code": "youth-request-aborted",
            "condition": {
                "nl": (
                    "Wij stoppen met de behandeling van uw aanvraag voor jeugdhulp, of wij "
                    "verklaren de aanvraag niet-ontvankelijk."
                ),
                "en": (
                    "We stop handling your request for youth assistance, or we declare it "
                    "inadmissible."
                ),
            },
            "period": "P6W",
            "clock_start": "decision_date",
            "legal_basis": YOUTH_ACT,
        },
    ],
    "legal_bases": [
        {
            "law": YOUTH_ACT,
            "article": {
                "nl": "artikel 2.3, 7.4.0 en 8.1.1",
                "en": "articles 2.3, 7.4.0 and 8.1.1",
            },
        },
        {
            "law": {
                "nl": "Regeling Jeugdwet (16 augustus 2016)",
                "en": "Youth Act Regulation (16 August 2016)",
            },
            "article": NO_ARTICLE,
        },
    ],
}
