"""Text of the privacy statements, version 1, as loaded by `manage.py load_statements`.

Dutch is a B1 translation of the municipality's statements; English is the seed text, mended.
"""

from datetime import date

EFFECTIVE_DATE = date(2026, 1, 1)
CHANGE_SUMMARY = {
    "nl": "Eerste versie in het privacyportaal.",
    "en": "First version in the privacy portal.",
}

STATEMENTS = [
    {
        "slug": "algemeen",
        "title": {
            "nl": "Algemene privacyverklaring",
            "en": "General privacy statement",
        },
        "intro": {
            "nl": (
                "Regelt u producten digitaal via de website? Of vraagt u de gemeente om zorg, "
                "hulp of ondersteuning? Dan gebruiken wij vaak uw persoonsgegevens. U kunt "
                "erop vertrouwen dat wij daar zorgvuldig mee omgaan.\n\n"
                "Alle medewerkers moeten zich houden aan de regels van de privacywetgeving en "
                "aan ons privacybeleid. Dat geldt ook voor de instellingen en instanties "
                "waarmee de gemeente samenwerkt."
            ),
            "en": (
                "When you arrange products online through the website, or ask the municipality "
                "for care, help or support, we often use your personal information. You can "
                "trust us to handle it with care.\n\n"
                "All employees must follow the rules of privacy law and our privacy policy. "
                "This also applies to the institutions and agencies the municipality works "
                "with."
            ),
        },
        "contact": {
            "nl": (
                "Heeft u vragen over uw persoonsgegevens? Of denkt u dat uw privacy is "
                "geschonden? Neem dan contact op met onze functionaris gegevensbescherming.\n\n"
                "U kunt mailen naar gemeente@heerlen.nl of bellen naar 045-5605040."
            ),
            "en": (
                "Do you have questions about your personal data? Or do you suspect that your "
                "privacy has been violated? Please contact our Data Protection Officer.\n\n"
                "You can send an e-mail to gemeente@heerlen.nl or call 045-5605040."
            ),
        },
        "sections": [
            {
                "kind": "text",
                "heading": {
                    "nl": "Zo gaan wij om met uw persoonsgegevens",
                    "en": "This is how we handle your personal information",
                },
                "body": {
                    "nl": (
                        "Wij hebben persoonsgegevens nodig om u te helpen. Wij willen u daar "
                        "zo veel mogelijk bij betrekken. En wij willen u duidelijk "
                        "informeren.\n\n"
                        "Wij vragen nooit meer gegevens dan nodig is. Wij gebruiken uw "
                        "gegevens nooit voor een ander doel dan wij met u hebben besproken of "
                        "dan de wet toestaat."
                    ),
                    "en": (
                        "We need personal information to help you. We want to involve you in "
                        "this as much as possible and inform you clearly.\n\n"
                        "We never ask for more data than necessary. We never use your data for "
                        "a purpose other than the one we discussed with you or the one the law "
                        "allows."
                    ),
                },
            },
            {
                "kind": "text",
                "heading": {
                    "nl": "Alleen met uw toestemming of als de wet het zegt",
                    "en": "Only with your permission or based on legal authority",
                },
                "body": {
                    "nl": (
                        "Wij leggen persoonsgegevens alleen vast, vragen ze op, bekijken ze of "
                        "delen ze met anderen als u daar toestemming voor geeft. Of als de wet "
                        "ons dat verplicht.\n\n"
                        "Een voorbeeld: u geeft een verhuizing door. Dan moeten wij dit "
                        "automatisch doorgeven aan overheidsinstanties en aan organisaties die "
                        "door een minister zijn aangewezen. Bijvoorbeeld aan uw "
                        "zorgverzekeraar."
                    ),
                    "en": (
                        "We only record, retrieve, view or share personal information with "
                        "others with your permission or because the law requires it.\n\n"
                        "For example, if you report a move, we are required to pass this on "
                        "automatically to government agencies and to bodies designated by a "
                        "minister, such as your health insurer."
                    ),
                },
            },
            {
                "kind": "retention",
                "heading": {
                    "nl": "Hoe lang bewaren wij uw verzoek of klacht?",
                    "en": "How long do we keep your request or complaint?",
                },
                "body": {
                    "nl": (
                        "Dient u via dit portaal een privacyverzoek of een klacht in? Dan "
                        "bewaren wij die niet langer dan nodig. Daarna vernietigen wij ze."
                    ),
                    "en": (
                        "If you file a privacy request or a complaint through this portal, we "
                        "keep it no longer than necessary. After that we destroy it."
                    ),
                },
            },
            {
                "kind": "text",
                "heading": {
                    "nl": "Heeft u nog vragen over uw persoonsgegevens?",
                    "en": "Do you still have questions about your personal data?",
                },
                "body": {
                    "nl": (
                        "Neem dan contact op met onze functionaris gegevensbescherming. U kunt "
                        "mailen naar gemeente@heerlen.nl of bellen naar 045-5605040.\n\n"
                        "Deze algemene privacyverklaring van de gemeente Heerlen staat ook op "
                        "de website overheid.nl.\n\n"
                        "Voor sommige taken van de gemeente is er een aanvullende "
                        "privacyverklaring:\n\n"
                        "- Vroegsignalering schulden\n"
                        "- Toegang jeugdhulp"
                    ),
                    "en": (
                        "Please contact our Data Protection Officer. You can send an e-mail to "
                        "gemeente@heerlen.nl or call 045-5605040.\n\n"
                        "This general privacy statement of the Municipality of Heerlen can "
                        "also be found on the overheid.nl website.\n\n"
                        "For some areas of the municipality's work there is a supplementary "
                        "privacy statement:\n\n"
                        "- Early signs of debt\n"
                        "- Access to youth assistance"
                    ),
                },
            },
            {
                "kind": "text",
                "heading": {
                    "nl": "Denkt u dat uw privacy is geschonden?",
                    "en": "Do you suspect that your privacy has been violated?",
                },
                "body": {
                    "nl": (
                        "Denkt u dat de gemeente Heerlen uw privacy heeft geschonden? Neem dan "
                        "contact op met onze functionaris gegevensbescherming. U kunt mailen "
                        "naar gemeente@heerlen.nl of bellen naar 045-5605040."
                    ),
                    "en": (
                        "If you suspect that the Municipality of Heerlen has violated your "
                        "privacy, please contact our Data Protection Officer. You can reach "
                        "the Data Protection Officer by e-mail at gemeente@heerlen.nl or by "
                        "phone at 045-5605040."
                    ),
                },
            },
            {
                "kind": "text",
                "heading": {
                    "nl": "Meer weten?",
                    "en": "Learn more",
                },
                "body": {
                    "nl": (
                        "Wilt u meer weten over privacy? Of over hoe u uw persoonsgegevens "
                        "kunt beschermen? Kijk dan op de website van de Autoriteit "
                        "Persoonsgegevens."
                    ),
                    "en": (
                        "Do you want to know more about privacy, or about how to protect your "
                        "personal information? Please visit the website of the Dutch Data "
                        "Protection Authority (Autoriteit Persoonsgegevens)."
                    ),
                },
            },
        ],
        "recipients": [],
        "retention_rules": [
            {
                "code": "subject-requests-closed",
                "condition": {
                    "nl": (
                        "Uw verzoek of klacht is afgehandeld. Zo kunt u nog bezwaar maken of "
                        "naar de Autoriteit Persoonsgegevens stappen, en kunnen wij laten zien "
                        "hoe wij uw verzoek hebben behandeld."
                    ),
                    "en": (
                        "Your request or complaint has been dealt with. This leaves time for "
                        "an objection or a complaint to the Dutch Data Protection Authority, "
                        "and lets us show how we handled your request."
                    ),
                },
                "period": "P1Y",
                "clock_start": "case_closed",
                "legal_basis": {
                    "nl": "Algemene verordening gegevensbescherming, artikel 5 lid 1 onder e",
                    "en": "General Data Protection Regulation, article 5(1)(e)",
                },
            },
        ],
        "legal_bases": [],
    },
    {
        "slug": "website",
        "title": {
            "nl": "Uw privacy op deze website",
            "en": "Your privacy on this website",
        },
        "intro": {
            "nl": (
                "De gemeente Heerlen respecteert uw privacy als bezoeker van onze website. "
                "Hier leest u hoe wij met uw gegevens omgaan als u de website gebruikt."
            ),
            "en": (
                "The Municipality of Heerlen respects your privacy as a visitor to our "
                "website. Here you can read how we handle your data when you use the website."
            ),
        },
        "contact": {
            "nl": (
                "Heeft u vragen over uw persoonsgegevens? Of denkt u dat uw privacy is "
                "geschonden? Neem dan contact op met onze functionaris gegevensbescherming.\n\n"
                "U kunt mailen naar gemeente@heerlen.nl of bellen naar 045-5605040."
            ),
            "en": (
                "Do you have questions about your personal data? Or do you suspect that your "
                "privacy has been violated? Please contact our Data Protection Officer.\n\n"
                "You can send an e-mail to gemeente@heerlen.nl or call 045-5605040."
            ),
        },
        "sections": [
            {
                "kind": "text",
                "heading": {
                    "nl": "Formulieren op de website",
                    "en": "Web forms",
                },
                "body": {
                    "nl": (
                        "Vult u een formulier in op onze website? Dan gaan wij vertrouwelijk "
                        "om met de persoonsgegevens die u invult. En wij houden ons daarbij "
                        "aan de wet."
                    ),
                    "en": (
                        "We make sure that the personal information you provide through web "
                        "forms is treated confidentially and in accordance with the law."
                    ),
                },
            },
            {
                "kind": "text",
                "heading": {
                    "nl": "Digitaal regelen met DigiD",
                    "en": "Arranging things online with DigiD",
                },
                "body": {
                    "nl": (
                        "Sommige producten kunt u digitaal regelen. Daarvoor moet u gegevens "
                        "invullen of inloggen met DigiD.\n\n"
                        "Bent u ingelogd? Dan worden uw gegevens automatisch versleuteld. Ze "
                        "worden verstuurd via een beveiligde verbinding."
                    ),
                    "en": (
                        "Some products can be arranged online. To do so, you must provide data "
                        "or log in with DigiD.\n\n"
                        "Once you are logged in, your data is automatically encrypted and sent "
                        "over a secure connection."
                    ),
                },
            },
            {
                "kind": "text",
                "heading": {
                    "nl": "Anoniem bezoeken",
                    "en": "Visiting anonymously",
                },
                "body": {
                    "nl": (
                        "U kunt de website van de gemeente Heerlen helemaal anoniem bezoeken.\n\n"
                        "Dit privacyportaal plaatst geen cookies als u de pagina's alleen "
                        "leest. Het portaal laadt ook niets van andere websites."
                    ),
                    "en": (
                        "Your visit to the website of the Municipality of Heerlen can be "
                        "completely anonymous.\n\n"
                        "This privacy portal sets no cookies while you are only reading its "
                        "pages. It also loads nothing from other websites."
                    ),
                },
            },
            {
                "kind": "text",
                "heading": {
                    "nl": "Bezoekersstatistieken",
                    "en": "Visitor statistics",
                },
                "body": {
                    "nl": (
                        "De gemeente wil wel graag weten hoe bezoekers de website gebruiken. "
                        "Bijvoorbeeld:\n\n"
                        "- welke pagina's het meest worden bezocht\n"
                        "- hoe laat de meeste bezoekers komen\n"
                        "- hoe lang bezoekers op de website blijven\n\n"
                        "Deze gegevens zijn helemaal anoniem. Wij gebruiken ze alleen om de "
                        "website steeds beter te maken."
                    ),
                    "en": (
                        "The municipality would like to know how visitors use the website. For "
                        "example:\n\n"
                        "- which pages are visited most often\n"
                        "- at what time most visitors come\n"
                        "- how long visitors stay on the site\n\n"
                        "This data is completely anonymous. We use it only to keep improving "
                        "the website."
                    ),
                },
            },
        ],
        "recipients": [],
        "retention_rules": [],
        "legal_bases": [],
    },
    {
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
        "contact": {
            "nl": (
                "Heeft u vragen over uw persoonsgegevens? Of denkt u dat uw privacy is "
                "geschonden? Neem dan contact op met onze functionaris gegevensbescherming.\n\n"
                "U kunt mailen naar gemeente@heerlen.nl of bellen naar 045-5605040."
            ),
            "en": (
                "Do you have questions about your personal data? Or do you suspect that your "
                "privacy has been violated? Please contact our Data Protection Officer.\n\n"
                "You can send an e-mail to gemeente@heerlen.nl or call 045-5605040."
            ),
        },
        "sections": [
            {
                "kind": "why",
                "heading": {
                    "nl": "Waarom verzamelen wij persoonsgegevens?",
                    "en": "Why do we collect personal data?",
                },
                "body": {
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
            },
            {
                "kind": "data",
                "heading": {
                    "nl": "Welke persoonsgegevens gebruiken wij?",
                    "en": "What personal data do we use?",
                },
                "body": {
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
            },
            {
                "kind": "uses",
                "heading": {
                    "nl": "Waarvoor gebruiken wij uw gegevens?",
                    "en": "Why do we use your data?",
                },
                "body": {
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
            },
            {
                "kind": "recipients",
                "heading": {
                    "nl": "Met wie delen wij uw gegevens?",
                    "en": "With whom do we share your data?",
                },
                "body": {
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
            },
            {
                "kind": "transfers",
                "heading": {
                    "nl": "Gaan uw gegevens naar andere landen?",
                    "en": "Does your data go to other countries?",
                },
                "body": {
                    "nl": (
                        "Persoonsgegevens blijven altijd binnen de landen van de Europese Unie "
                        "en Noorwegen, IJsland en Liechtenstein. Samen heten deze landen de "
                        "Europese Economische Ruimte. Wij geven persoonsgegevens niet door aan "
                        "andere landen."
                    ),
                    "en": (
                        "Personal data always stays within the countries of the European "
                        "Union, and Norway, Iceland and Liechtenstein. Together these "
                        "countries form the European Economic Area. We do not transfer "
                        "personal data to other countries."
                    ),
                },
            },
            {
                "kind": "retention",
                "heading": {
                    "nl": "Hoe lang bewaren wij persoonsgegevens?",
                    "en": "How long do we keep personal data?",
                },
                "body": {
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
            },
            {
                "kind": "legal_basis",
                "heading": {
                    "nl": "Wat is de wettelijke reden?",
                    "en": "What is the legal reason?",
                },
                "body": {
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
            },
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
                "legal_basis": {
                    "nl": "Wet gemeentelijke schuldhulpverlening",
                    "en": "Municipal Debt Relief Act",
                },
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
                "legal_basis": {
                    "nl": "Wet gemeentelijke schuldhulpverlening",
                    "en": "Municipal Debt Relief Act",
                },
            },
        ],
        "legal_bases": [
            {
                "law": {
                    "nl": "Wet gemeentelijke schuldhulpverlening",
                    "en": "Municipal Debt Relief Act",
                },
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
                "article": {
                    "nl": "",
                    "en": "",
                },
            },
        ],
    },
    {
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
        "contact": {
            "nl": (
                "Heeft u vragen over uw persoonsgegevens? Of denkt u dat uw privacy is "
                "geschonden? Neem dan contact op met onze functionaris gegevensbescherming.\n\n"
                "U kunt mailen naar gemeente@heerlen.nl of bellen naar 045-5605040."
            ),
            "en": (
                "Do you have questions about your personal data? Or do you suspect that your "
                "privacy has been violated? Please contact our Data Protection Officer.\n\n"
                "You can send an e-mail to gemeente@heerlen.nl or call 045-5605040."
            ),
        },
        "sections": [
            {
                "kind": "why",
                "heading": {
                    "nl": "Waarom verzamelen wij persoonsgegevens?",
                    "en": "Why do we collect personal data?",
                },
                "body": {
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
            },
            {
                "kind": "data",
                "heading": {
                    "nl": "Welke persoonsgegevens gebruiken wij?",
                    "en": "What personal data do we use?",
                },
                "body": {
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
            },
            {
                "kind": "uses",
                "heading": {
                    "nl": "Waarvoor gebruiken wij uw gegevens?",
                    "en": "Why do we use your data?",
                },
                "body": {
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
            },
            {
                "kind": "recipients",
                "heading": {
                    "nl": "Met wie delen wij uw gegevens?",
                    "en": "With whom do we share your data?",
                },
                "body": {
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
            },
            {
                "kind": "transfers",
                "heading": {
                    "nl": "Gaan uw gegevens naar andere landen?",
                    "en": "Does your data go to other countries?",
                },
                "body": {
                    "nl": (
                        "Persoonsgegevens blijven altijd binnen de landen van de Europese Unie "
                        "en Noorwegen, IJsland en Liechtenstein. Samen heten deze landen de "
                        "Europese Economische Ruimte. Wij geven persoonsgegevens niet door aan "
                        "andere landen."
                    ),
                    "en": (
                        "Personal data always stays within the countries of the European "
                        "Union, and Norway, Iceland and Liechtenstein. Together these "
                        "countries form the European Economic Area. We do not transfer "
                        "personal data to other countries."
                    ),
                },
            },
            {
                "kind": "retention",
                "heading": {
                    "nl": "Hoe lang bewaren wij persoonsgegevens?",
                    "en": "How long do we keep personal data?",
                },
                "body": {
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
            },
            {
                "kind": "legal_basis",
                "heading": {
                    "nl": "Wat is de wettelijke reden?",
                    "en": "What is the legal reason?",
                },
                "body": {
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
            },
        ],
        "recipients": [
            {
                "name": {
                    "nl": "Jeugdhulpaanbieders met een contract (via de gemeente Maastricht)",
                    "en": (
                        "Contracted youth assistance providers (through the Municipality of "
                        "Maastricht)"
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
                    "nl": "Het gaat om gegevens die wij voor jeugdhulp hebben gebruikt.",
                    "en": "The data was processed for youth assistance.",
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
                "legal_basis": {
                    "nl": "Jeugdwet",
                    "en": "Youth Act",
                },
            },
        ],
        "legal_bases": [
            {
                "law": {
                    "nl": "Jeugdwet",
                    "en": "Youth Act",
                },
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
                "article": {
                    "nl": "",
                    "en": "",
                },
            },
        ],
    },
]
