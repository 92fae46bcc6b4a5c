"""The general privacy statement (slug `algemeen`), version 2: the rights, each with its form;
the complaint route to the DPO and then the Autoriteit Persoonsgegevens; who is responsible;
working links; and every period the portal enforces for requests (`requests_app/retained.py`)
and for the access log, published as a retention rule."""

from statements.seed.algemeen import STATEMENT

RIGHTS = {
    "kind": "text",
    "heading": {"nl": "Uw rechten", "en": "Your rights"},
    "body": {
        "nl": (
            "U heeft rechten over uw persoonsgegevens. Via de link komt u bij het formulier.\n\n"
            "- [Inzage](/verzoek/inzage/): u mag vragen welke gegevens wij van u hebben en "
            "wat wij ermee doen.\n"
            "- [Correctie](/verzoek/correctie/): kloppen uw gegevens niet? Dan mag u vragen "
            "om ze te verbeteren of aan te vullen.\n"
            "- [Verwijdering](/verzoek/verwijdering/): u mag vragen om uw gegevens te wissen "
            "als wij ze niet meer nodig hebben of niet mogen hebben.\n"
            "- [Beperking](/verzoek/beperking/): u mag vragen dat wij uw gegevens een tijd "
            "niet gebruiken, bijvoorbeeld terwijl wij nagaan of ze kloppen.\n"
            "- [Overdracht](/verzoek/overdracht/): u mag de gegevens die u ons gaf in een "
            "bestand krijgen, om ze aan een andere organisatie te geven.\n"
            "- [Bezwaar](/verzoek/bezwaar/): u mag bezwaar maken tegen het gebruik van uw "
            "gegevens vanwege uw eigen situatie.\n\n"
            "Wij antwoorden binnen 1 maand. Soms hebben wij meer tijd nodig. Dan hoort u "
            "dat binnen die maand van ons. U kunt uw verzoek ook per brief sturen of aan "
            "de balie doen."
        ),
        "en": (
            "You have rights over your personal data. Each link takes you to its form.\n\n"
            "- [Access](/en/verzoek/inzage/): you may ask which data we hold about you and "
            "what we do with it.\n"
            "- [Rectification](/en/verzoek/correctie/): if your data is wrong, you may ask us "
            "to correct or complete it.\n"
            "- [Erasure](/en/verzoek/verwijdering/): you may ask us to erase your data when we "
            "no longer need it or may not hold it.\n"
            "- [Restriction](/en/verzoek/beperking/): you may ask us not to use your data for a "
            "while, for example while we check whether it is correct.\n"
            "- [Portability](/en/verzoek/overdracht/): you may receive the data you gave us in "
            "a file, to give it to another organisation.\n"
            "- [Objection](/en/verzoek/bezwaar/): you may object to the use of your data "
            "because of your own situation.\n\n"
            "We answer within 1 month. Sometimes we need more time; then we tell you so "
            "within that month. You can also send your request by post or make it at the "
            "counter."
        ),
    },
}

COMPLAINT = {
    "kind": "text",
    "heading": {
        "nl": "Denkt u dat uw privacy is geschonden?",
        "en": "Do you suspect that your privacy has been violated?",
    },
    "body": {
        "nl": (
            "Dan kunt u een [klacht indienen](/verzoek/klacht/) bij onze functionaris "
            "gegevensbescherming. U kunt ook mailen naar gemeente@heerlen.nl of bellen naar "
            "045-5605040. Wij beslissen binnen 6 weken over uw klacht.\n\n"
            "Bent u het niet eens met ons besluit? Of wilt u niet eerst bij ons klagen? Dan "
            "kunt u een klacht indienen bij de [Autoriteit Persoonsgegevens]"
            "(https://autoriteitpersoonsgegevens.nl/)."
        ),
        "en": (
            "Then you can [file a complaint](/en/verzoek/klacht/) with our Data Protection "
            "Officer. You can also send an e-mail to gemeente@heerlen.nl or call "
            "045-5605040. We decide on your complaint within 6 weeks.\n\n"
            "Do you disagree with our decision, or do you not want to complain to us first? "
            "Then you can file a complaint with the Dutch Data Protection Authority, the "
            "[Autoriteit Persoonsgegevens](https://autoriteitpersoonsgegevens.nl/)."
        ),
    },
}

CONTROLLER = {
    "kind": "text",
    "heading": {"nl": "Wie is verantwoordelijk?", "en": "Who is responsible?"},
    "body": {
        "nl": (
            "Het college van burgemeester en wethouders van de gemeente Heerlen is "
            "verantwoordelijk voor uw persoonsgegevens. Dat heet de "
            "verwerkingsverantwoordelijke.\n\n"
            "- Post: Postbus 1, 6400 AA Heerlen\n"
            "- E-mail: gemeente@heerlen.nl\n"
            "- Telefoon: 045-5605040\n\n"
            "Onze functionaris gegevensbescherming houdt toezicht op hoe wij met uw "
            "gegevens omgaan. U bereikt hem of haar op hetzelfde adres."
        ),
        "en": (
            "The Mayor and Aldermen of the Municipality of Heerlen are responsible for your "
            "personal data. This is called the controller.\n\n"
            "- Post: Postbus 1, 6400 AA Heerlen, the Netherlands\n"
            "- E-mail: gemeente@heerlen.nl\n"
            "- Phone: 045-5605040\n\n"
            "Our Data Protection Officer supervises how we handle your data. You reach the "
            "Data Protection Officer at the same address."
        ),
    },
}

QUESTIONS = {
    "kind": "text",
    "heading": {
        "nl": "Heeft u nog vragen over uw persoonsgegevens?",
        "en": "Do you still have questions about your personal data?",
    },
    "body": {
        "nl": (
            "Neem dan contact op met onze functionaris gegevensbescherming. U kunt mailen "
            "naar gemeente@heerlen.nl of bellen naar 045-5605040.\n\n"
            "Deze algemene privacyverklaring van de gemeente Heerlen staat ook op de website "
            "[overheid.nl](https://www.overheid.nl/).\n\n"
            "Voor sommige taken van de gemeente is er een aanvullende privacyverklaring:\n\n"
            "- [Vroegsignalering schulden](/vroegsignalering-schulden/)\n"
            "- [Toegang jeugdhulp](/toegang-jeugdhulp/)"
        ),
        "en": (
            "Please contact our Data Protection Officer. You can send an e-mail to "
            "gemeente@heerlen.nl or call 045-5605040.\n\n"
            "This general privacy statement of the Municipality of Heerlen can also be "
            "found on the [overheid.nl](https://www.overheid.nl/) website.\n\n"
            "For some areas of the municipality's work there is a supplementary privacy "
            "statement:\n\n"
            "- [Early signs of debt](/en/vroegsignalering-schulden/)\n"
            "- [Access to youth assistance](/en/toegang-jeugdhulp/)"
        ),
    },
}

RETENTION = {
    "kind": "retention",
    "heading": {
        "nl": "Hoe lang bewaren wij uw verzoek of klacht?",
        "en": "How long do we keep your request or complaint?",
    },
    "body": {
        "nl": (
            "Vraagt u ons om inzage, correctie of verwijdering van uw gegevens? Of dient u "
            "een privacyklacht in? Dan bewaren wij uw verzoek of klacht, onze brieven en ons "
            "antwoord zo lang als hieronder staat. Zo kunnen wij een bezwaar of een klacht "
            "bij de Autoriteit Persoonsgegevens goed behandelen. Daarna vernietigen wij "
            "ze.\n\n"
            "Sommige delen bewaren wij korter. Ook die termijnen staan hieronder."
        ),
        "en": (
            "Do you ask us for access to, correction or erasure of your data? Or do you file "
            "a privacy complaint? Then we keep your request or complaint, our letters and our "
            "answer for the period below, so that we can handle an objection or a complaint "
            "to the Dutch Data Protection Authority properly. After that we destroy them.\n\n"
            "We keep some parts for a shorter time. Those periods are below too."
        ),
    },
}

MORE = {
    "kind": "text",
    "heading": {"nl": "Meer weten?", "en": "Learn more"},
    "body": {
        "nl": (
            "Wilt u meer weten over privacy? Of over hoe u uw persoonsgegevens kunt "
            "beschermen? Kijk dan op de website van de [Autoriteit Persoonsgegevens]"
            "(https://autoriteitpersoonsgegevens.nl/)."
        ),
        "en": (
            "Do you want to know more about privacy, or about how to protect your personal "
            "information? Please visit the website of the Dutch Data Protection Authority, "
            "the [Autoriteit Persoonsgegevens](https://autoriteitpersoonsgegevens.nl/)."
        ),
    },
}

MINIMISATION = {
    "nl": "AVG artikel 5 lid 1 onder c en e",
    "en": "GDPR article 5(1)(c) and (e)",
}

VERSION_2 = {
    **STATEMENT,
    "sections": [
        *STATEMENT["sections"][:2],
        RIGHTS,
        COMPLAINT,
        CONTROLLER,
        RETENTION,
        QUESTIONS,
        MORE,
    ],
    "retention_rules": [
        *STATEMENT["retention_rules"],
        {
            "code": "privacy-requests-unconfirmed",
            "condition": {
                "nl": (
                    "U stuurt een verzoek of klacht via de website, maar u bevestigt uw "
                    "e-mailadres niet met de code. Dan verwijderen wij het, als wij er nog "
                    "niet aan zijn begonnen. Zo krijgt niemand anders antwoord op een verzoek "
                    "op uw naam."
                ),
                "en": (
                    "You send a request or complaint through the website, but you do not "
                    "confirm your e-mail address with the code. Then we remove it, if we "
                    "have not started on it yet. This way no one else gets an answer to a "
                    "request in your name."
                ),
            },
            "period": "P2W",
            "clock_start": "request_received",
            "legal_basis": MINIMISATION,
        },
        {
            "code": "privacy-answer-files",
            "condition": {
                "nl": (
                    "De bestanden bij ons antwoord, die u downloadt via uw statuspagina. "
                    "Daarna wissen wij de inhoud van de bestanden. Ons antwoord zelf bewaren "
                    "wij zo lang als uw verzoek."
                ),
                "en": (
                    "The files with our answer, which you download from your status page. "
                    "After this period we erase the files' content. We keep our answer "
                    "itself as long as your request."
                ),
            },
            "period": "P8W",
            "clock_start": "file_available",
            "legal_basis": MINIMISATION,
        },
        {
            "code": "privacy-status-link",
            "condition": {
                "nl": (
                    "De link naar uw statuspagina, uit onze e-mail. Daarna werkt de link "
                    "niet meer. Heeft u hem toch nog nodig? Vraag ons dan om een nieuwe link."
                ),
                "en": (
                    "The link to your status page, from our e-mail. After this period the "
                    "link no longer works. If you still need it, ask us for a new link."
                ),
            },
            "period": "P8W",
            "clock_start": "case_closed",
            "legal_basis": {
                "nl": "AVG artikel 5 lid 1 onder f",
                "en": "GDPR article 5(1)(f)",
            },
        },
        {
            # Enforced by the policy `access-log` (accesslog/retention.py).
            "code": "access-log",
            "condition": {
                "nl": (
                    "Wij houden bij wie welke persoonsgegevens in een verzoek, klacht of "
                    "dossier heeft bekeken of gewijzigd, wanneer en waarom (toegangslog). "
                    "Wordt een dossier eerder vernietigd? Dan vervangen wij het kenmerk in "
                    "de toegangslog door een code waaruit het kenmerk niet te herleiden is."
                ),
                "en": (
                    "We record who viewed or changed which personal data in a request, "
                    "complaint or case file, when and why (access log). If a file is "
                    "destroyed earlier, we replace its reference in the log with a code from "
                    "which the reference cannot be derived."
                ),
            },
            "period": "P5Y",
            "clock_start": "entry_made",
            "legal_basis": {
                "nl": "AVG artikel 5 lid 2 en artikel 32; NEN 7513",
                "en": "GDPR articles 5(2) and 32; NEN 7513",
            },
        },
    ],
}
