"""The general privacy statement (slug `algemeen`), version 1."""

from statements.seed.common import DPO_CONTACT

STATEMENT = {
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
    "contact": DPO_CONTACT,
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
            "kind": "retention",
            "heading": {
                "nl": "Hoe lang bewaren wij uw verzoek of klacht?",
                "en": "How long do we keep your request or complaint?",
            },
            "body": {
                "nl": (
                    "Vraagt u ons om inzage, correctie of verwijdering van uw gegevens? "
                    "Of dient u een privacyklacht in? Dan bewaren wij uw verzoek of "
                    "klacht, onze brieven en ons antwoord zo lang als hieronder staat. "
                    "Zo kunnen wij een bezwaar of een klacht bij de Autoriteit "
                    "Persoonsgegevens goed behandelen. Daarna vernietigen wij ze."
                ),
                "en": (
                    "Do you ask us for access to, correction or erasure of your data? Or "
                    "do you file a privacy complaint? Then we keep your request or "
                    "complaint, our letters and our answer for the period below, so that "
                    "we can handle an objection or a complaint to the Dutch Data "
                    "Protection Authority properly. After that we destroy them."
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
            # Our default, configurable like every policy: the objection period (Awb 6:7,
            # six weeks) and a complaint to the AP must be able to run their course.
            "code": "privacy-requests",
            "condition": {
                "nl": (
                    "Uw verzoek over uw persoonsgegevens of uw privacyklacht, met onze "
                    "brieven en ons antwoord."
                ),
                "en": (
                    "Your request about your personal data or your privacy complaint, "
                    "with our letters and our answer."
                ),
            },
            "period": "P1Y",
            "clock_start": "case_closed",
            "legal_basis": {
                "nl": "AVG artikel 5 lid 1 onder e; Algemene wet bestuursrecht",
                "en": "GDPR article 5(1)(e); General Administrative Law Act",
            },
        },
    ],
    "legal_bases": [],
}
