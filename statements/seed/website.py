"""Privacy on the municipality's website (slug `website`), version 1."""

from statements.seed.common import DPO_CONTACT

STATEMENT = {
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
    "contact": DPO_CONTACT,
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
}


# Version 2: the cookies are named, with their lifetimes: the forms' csrftoken lives until the
# browser closes (`CSRF_COOKIE_AGE = None`), DigiD's sessionid `SESSION_COOKIE_AGE` after the
# last request, and the login ends after `digid.session.IDLE`.
VERSION_2 = {
    **STATEMENT,
    "sections": [
        *STATEMENT["sections"][:2],
        {
            "kind": "text",
            "heading": {"nl": "Anoniem bezoeken", "en": "Visiting anonymously"},
            "body": {
                "nl": (
                    "U kunt de website van de gemeente Heerlen helemaal anoniem bezoeken.\n\n"
                    "Dit privacyportaal plaatst geen cookies als u de pagina's alleen leest. "
                    "Het portaal laadt ook niets van andere websites.\n\n"
                    "Vult u een formulier in, of opent u uw statuspagina? Dan plaatsen wij "
                    "één cookie: csrftoken. Het beveiligt het formulier tegen misbruik door "
                    "andere websites. Er staan geen persoonsgegevens in. Het cookie "
                    "verdwijnt als u uw browser sluit. Omdat het nodig is voor de "
                    "beveiliging, vragen wij er geen toestemming voor.\n\n"
                    "Logt u in met DigiD? Dan plaatsen wij ook een cookie voor uw sessie: "
                    "sessionid. Zo weten wij dat u bent ingelogd. Na 15 minuten zonder "
                    "activiteit loggen wij u uit. Het cookie vervalt 30 minuten na uw laatste "
                    "klik, of als u uitlogt."
                ),
                "en": (
                    "Your visit to the website of the Municipality of Heerlen can be "
                    "completely anonymous.\n\n"
                    "This privacy portal sets no cookies while you are only reading its "
                    "pages. It also loads nothing from other websites.\n\n"
                    "When you fill in a form or open your status page, we set one cookie: "
                    "csrftoken. It protects the form against misuse by other websites. It "
                    "holds no personal data and disappears when you close your browser. "
                    "Because it is needed for security, we do not ask your consent for it.\n\n"
                    "When you log in with DigiD, we also set a cookie for your session: "
                    "sessionid. It tells us that you are logged in. After 15 minutes without "
                    "activity we log you out. The cookie expires 30 minutes after your last "
                    "click, or when you log out."
                ),
            },
        },
        *STATEMENT["sections"][3:],
    ],
}
