"""Early signs of debt (slug `vroegsignalering-schulden`): supplementary statement, version 1."""

from statements.seed.common import DPO_CONTACT, EEA_TRANSFERS, NO_ARTICLE, section

# The law both retention rules rest on, and the first of the legal bases.
DEBT_RELIEF_ACT = {
    "nl": "Wet gemeentelijke schuldhulpverlening",
    "en": "Municipal Debt Relief Act",
}

STATEMENT = {
    "slug": "vroegsignalering-schulden",
    "title": {
        "nl": "Privacyverklaring vroegsignalering schulden",
        "en": "Privacy statement Early signs of debt",
    },
    "intro": {
        "nl": (
            "Dit is een aanvulling op de algemene privacyverklaring van de gemeente "
            "Heerlen. U leest hier welke persoonsgegevens wij gebruiken bij "
            "vroegsignalering van schulden. En ook waarom, met wie wij ze delen en hoe "
            "lang wij ze bewaren."
        ),
        "en": (
            "This statement supplements the general privacy statement of the Municipality "
            "of Heerlen. Here you can read which personal data we use for early signs of "
            "debt, why we use it, with whom we share it and how long we keep it."
        ),
    },
    "contact": DPO_CONTACT,
    "sections": [
        section(
            "why",
            {
                "nl": (
                    "De gemeente wil graag zo vroeg mogelijk weten of een inwoner van "
                    "Heerlen een grote kans heeft op geldproblemen. Een onbetaalde "
                    "rekening voor huur, zorgpremie, energie of water kan een teken zijn "
                    "van geldproblemen. Daarom moeten verhuurders, zorgverzekeraars, "
                    "energiebedrijven en het waterbedrijf een betalingsachterstand melden "
                    "bij de gemeente Heerlen. De gemeente biedt u dan een gesprek aan en "
                    "hulp bij uw geldzaken. Wij helpen u graag.\n\n"
                    "Daarvoor hebben wij uw persoonsgegevens nodig. Het Team "
                    "Schuldhulpverlening van de gemeente Heerlen neemt contact met u op "
                    "via e-mail of telefoon. Hebben wij uw e-mailadres en telefoonnummer "
                    "niet? Dan krijgt u een brief. Soms komt het Team Schuldhulpverlening "
                    "bij u thuis op bezoek."
                ),
                "en": (
                    "The municipality wants to know as early as possible when a resident "
                    "of Heerlen has a high risk of money problems. An unpaid bill for "
                    "rent, health insurance premium, energy or water can be a sign of "
                    "money problems. That is why landlords, health insurers, energy "
                    "companies and the water company are required to report payment "
                    "arrears to the Municipality of Heerlen. The municipality then offers "
                    "you a meeting and help with your money matters. We would like to help "
                    "you.\n\n"
                    "We need your personal data for this. Team Schuldhulpverlening (the "
                    "debt assistance team) of the Municipality of Heerlen will contact you "
                    "by e-mail or phone. If we do not have your e-mail address and phone "
                    "number, you will receive a letter. Sometimes Team Schuldhulpverlening "
                    "makes a home visit."
                ),
            },
        ),
        section(
            "data",
            {
                "nl": (
                    "Wij gebruiken deze gegevens:\n\n"
                    "- Naam, adres en woonplaats\n"
                    "- Geboortedatum\n"
                    "- Geslacht\n"
                    "- Administratienummer\n"
                    "- Burgerservicenummer (BSN)\n"
                    "- Telefoonnummer\n"
                    "- Gegevens over de betalingsachterstand\n"
                    "- Gegevens over uw lopende schuldhulpverlening\n"
                    "- Gegevens over het contact met u\n"
                    "- Gegevens over de uitkomst van het contact met u\n"
                    "- Gegevens over of u het aanbod van hulp aanneemt of weigert\n"
                    "- Hoe wij de betalingsachterstand gaan aanpakken\n"
                    "- Oplossingen en verslagen van uw hulpverleners"
                ),
                "en": (
                    "The data we use includes:\n\n"
                    "- Name, address and place of residence\n"
                    "- Date of birth\n"
                    "- Gender\n"
                    "- Administration number\n"
                    "- Citizen service number (BSN)\n"
                    "- Phone number\n"
                    "- Details of the payment arrears\n"
                    "- Details of your current debt relief program\n"
                    "- Details of our contacts with you\n"
                    "- Details of the outcome of our contacts with you\n"
                    "- Whether you accept or decline the offer of help\n"
                    "- How we will deal with the payment arrears\n"
                    "- Solutions and reports from the professionals who help you"
                ),
            },
        ),
        section(
            "uses",
            {
                "nl": (
                    "Wij gebruiken uw persoonsgegevens voor deze doelen:\n\n"
                    "- Problematische schulden, dreigende schulden, huisuitzettingen, "
                    "gedwongen verkopen en oplopende incassokosten zien en voorkomen.\n"
                    "- (Medewerkers van) organisaties waar u vaste lasten aan betaalt en "
                    "hulporganisaties opzoeken, informeren en spreken.\n"
                    "- Rapportages maken om onze dienstverlening, doelen en regels te "
                    "verbeteren.\n"
                    "- Onderzoek doen en metingen doen.\n"
                    "- Onderzoek doen naar de tevredenheid van deelnemers."
                ),
                "en": (
                    "We use your personal data for these purposes:\n\n"
                    "- Spotting and preventing problem debts, looming debts, evictions, "
                    "foreclosures and rising collection costs.\n"
                    "- Finding, informing and talking to (staff of) fixed-costs partners "
                    "and organisations that offer help.\n"
                    "- Making reports to improve our services, goals and rules.\n"
                    "- Doing research and measurements.\n"
                    "- Doing participant satisfaction surveys."
                ),
            },
        ),
        section(
            "recipients",
            {
                "nl": (
                    "Wij delen persoonsgegevens met de partijen die de "
                    "betalingsachterstand hebben gemeld. Wij laten hen weten of u het goed "
                    "vindt dat wij u helpen.\n\n"
                    "Wilt u niet dat wij gegevens krijgen over uw betalingsachterstand? "
                    "Meld dit dan bij uw verhuurder, zorgverzekeraar, energiebedrijf en/of "
                    "waterbedrijf.\n\n"
                    "De gemeente werkt ook samen met Buurtteams Heerlen. En wij delen "
                    "persoonsgegevens met verwerkers die voor ons werken, zoals "
                    "applicatiebeheerders."
                ),
                "en": (
                    "We share personal data with the parties that reported the payment "
                    "arrears. We tell them whether you are okay with us helping you.\n\n"
                    "Don't want us to get details of your payment arrears? Then report "
                    "this to your landlord, health insurer, energy company and/or water "
                    "company.\n\n"
                    "The municipality also works with Buurtteams Heerlen. And we share "
                    "personal data with processors who work for us, such as application "
                    "administrators."
                ),
            },
        ),
        EEA_TRANSFERS,
        section(
            "retention",
            {
                "nl": (
                    "Wij bewaren persoonsgegevens niet langer dan nodig is voor onze "
                    "doelen. In de gevallen hieronder bewaren wij persoonsgegevens niet "
                    "langer dan de termijn die erbij staat."
                ),
                "en": (
                    "We do not keep personal data longer than necessary for our purposes. "
                    "In the cases below, we keep personal data for no longer than the "
                    "period stated."
                ),
            },
        ),
        section(
            "legal_basis",
            {
                "nl": (
                    "Wij mogen persoonsgegevens alleen gebruiken als een wet dat regelt. "
                    "De wet verplicht de gemeente om u te helpen betalingsachterstanden "
                    "vroeg te ontdekken."
                ),
                "en": (
                    "To use personal data, a law is required. The municipality is required "
                    "by law to help you identify payment arrears early."
                ),
            },
        ),
    ],
    "recipients": [
        {
            "name": {
                "nl": "Verhuurders en woningcorporaties",
                "en": "Landlords and housing corporations",
            },
            "role": "reporting_party",
            "description": {
                "nl": (
                    "Zij melden een achterstand in het betalen van de huur bij de "
                    "gemeente. Wij laten hen weten of u het goed vindt dat wij u helpen."
                ),
                "en": (
                    "They report arrears in rent payments to the municipality. We tell "
                    "them whether you are okay with us helping you."
                ),
            },
        },
        {
            "name": {
                "nl": "Zorgverzekeraars",
                "en": "Health insurers",
            },
            "role": "reporting_party",
            "description": {
                "nl": (
                    "Zij melden een achterstand in het betalen van de zorgpremie bij de "
                    "gemeente. Wij laten hen weten of u het goed vindt dat wij u helpen."
                ),
                "en": (
                    "They report arrears in health insurance premium payments to the "
                    "municipality. We tell them whether you are okay with us helping you."
                ),
            },
        },
        {
            "name": {
                "nl": "Energiebedrijven",
                "en": "Energy companies",
            },
            "role": "reporting_party",
            "description": {
                "nl": (
                    "Zij melden een achterstand in het betalen van de energierekening bij "
                    "de gemeente. Wij laten hen weten of u het goed vindt dat wij u helpen."
                ),
                "en": (
                    "They report arrears in energy bill payments to the municipality. We "
                    "tell them whether you are okay with us helping you."
                ),
            },
        },
        {
            "name": {
                "nl": "Het waterbedrijf",
                "en": "The water company",
            },
            "role": "reporting_party",
            "description": {
                "nl": (
                    "Het waterbedrijf meldt een achterstand in het betalen van de "
                    "waterrekening bij de gemeente. Wij laten het waterbedrijf weten of u "
                    "het goed vindt dat wij u helpen."
                ),
                "en": (
                    "The water company reports arrears in water bill payments to the "
                    "municipality. We tell the water company whether you are okay with us "
                    "helping you."
                ),
            },
        },
        {
            "name": {
                "nl": "Buurtteams Heerlen",
                "en": "Buurtteams Heerlen",
            },
            "role": "partner",
            "description": {
                "nl": (
                    "De gemeente werkt samen met Buurtteams Heerlen. Zij weten hoe zij "
                    "inwoners in hun persoonlijke situatie kunnen motiveren om hulp aan te "
                    "nemen. Zij begeleiden en ondersteunen inwoners bij het oplossen van "
                    "een of meer problemen. Buurtteams Heerlen nemen telefonisch contact "
                    "met u op en kunnen bij u thuis op bezoek komen."
                ),
                "en": (
                    "The municipality works with Buurtteams Heerlen (neighbourhood teams). "
                    "They know how to motivate residents in personal situations to accept "
                    "help. They guide and support residents in solving one or more "
                    "problems. Buurtteams Heerlen will contact you by phone and can visit "
                    "you at home."
                ),
            },
        },
        {
            "name": {
                "nl": "Verwerkers, zoals applicatiebeheerders",
                "en": "Processors, such as application administrators",
            },
            "role": "processor",
            "description": {
                "nl": (
                    "Verwerkers werken in opdracht van de gemeente. Een voorbeeld zijn "
                    "applicatiebeheerders: zij beheren de computerprogramma's die wij "
                    "gebruiken."
                ),
                "en": (
                    "Processors work for the municipality. One example is application "
                    "administrators: they manage the software applications we use."
                ),
            },
        },
    ],
    "retention_rules": [
        {
            "code": "debt-signal-no-help",
            "condition": {
                "nl": (
                    "U reageert niet op ons aanbod, u heeft geen hulpvraag of u wilt het "
                    "aanbod van hulp niet."
                ),
                "en": (
                    "You do not respond to our offer, you have no request for help, or you "
                    "do not want the offer of help."
                ),
            },
            "period": "P6M",
            "clock_start": "signal_received",
            "legal_basis": DEBT_RELIEF_ACT,
        },
        {
            "code": "debt-arrears-resolved",
            "condition": {
                "nl": (
                    "Uit het contact met u blijkt dat de betalingsachterstand (binnen 28 "
                    "dagen na het binnenkomen van de melding) niet meer bestaat. U heeft "
                    "dan geen hulp nodig."
                ),
                "en": (
                    "During contact with you it becomes clear that the payment arrears "
                    "(within 28 days of the report coming in) no longer exist. So there is "
                    "no need for help."
                ),
            },
            "period": "P6M",
            "clock_start": "signal_received",
            "legal_basis": DEBT_RELIEF_ACT,
        },
    ],
    "legal_bases": [
        {
            "law": DEBT_RELIEF_ACT,
            "article": {
                "nl": "artikel 3, 8b, 8c en 8d",
                "en": "articles 3, 8b, 8c and 8d",
            },
        },
        {
            "law": {
                "nl": "Besluit gemeentelijke schuldhulpverlening",
                "en": "Municipal Debt Relief Decree",
            },
            "article": {
                "nl": "artikel 2 lid 3 en artikel 3",
                "en": "article 2(3) and article 3",
            },
        },
        {
            "law": {
                "nl": "Beleidsplan schuldhulpverlening gemeente Heerlen",
                "en": "Debt assistance policy plan of the Municipality of Heerlen",
            },
            "article": NO_ARTICLE,
        },
    ],
}


# Version 2: a new signal while the case is open joins it, and the 6 months count from the
# latest signal (cases/retained.py, `DebtSignal.last_signal_on`); reporting parties are told
# whether the resident accepted help (the intake API's `help_accepted` and its callbacks).
JOINED = {
    "nl": (
        " Komt er over u een nieuwe melding binnen terwijl uw dossier nog openstaat? Dan "
        "voegen wij die bij dat dossier. De 6 maanden tellen dan vanaf de laatste melding."
    ),
    "en": (
        " If another report about you comes in while your case is still open, we add it to "
        "that case. The 6 months then count from the latest report."
    ),
}


def _joined(rule):
    condition = {
        "nl": rule["condition"]["nl"].replace(
            "na het binnenkomen van de melding", "na het binnenkomen van de laatste melding"
        )
        + JOINED["nl"],
        "en": rule["condition"]["en"].replace("of the report coming in", "of the latest report")
        + JOINED["en"],
    }
    return {**rule, "condition": condition}


VERSION_2 = {
    **STATEMENT,
    "change_summary": {
        "nl": (
            "Een nieuwe melding terwijl uw dossier openstaat, komt bij dat dossier. De "
            "bewaartermijn telt vanaf de laatste melding."
        ),
        "en": (
            "A new report while your case is open joins that case. The retention period "
            "counts from the latest report."
        ),
    },
    "retention_rules": [_joined(rule) for rule in STATEMENT["retention_rules"]],
}
