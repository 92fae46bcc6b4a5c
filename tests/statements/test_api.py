import pytest

from .factories import VersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    return VersionFactory(published=True, statement__slug="vroegsignalering-schulden")


def test_statement_list_carries_links_and_version(client, published):
    response = client.get("/api/statements/")
    assert response.status_code == 200
    [item] = response.json()
    assert item["slug"] == "vroegsignalering-schulden"
    assert item["version"] == 1
    assert item["title"] == "Privacyverklaring Vroegsignalering schulden"
    assert item["url"] == "http://testserver/vroegsignalering-schulden/"
    assert item["pdf_url"] == "http://testserver/vroegsignalering-schulden/versies/1/pdf/"


def test_version_detail_has_sections_and_rules_in_english(client, published):
    data = client.get("/api/statements/vroegsignalering-schulden/?lang=en").json()
    assert data["title"] == "Privacy statement Early signs of debt"
    assert data["retention_rules"][0]["period"] == "P6M"
    assert data["retention_rules"][0]["period_text"] == "6 months"
    assert {s["kind"] for s in data["sections"]} == {
        "data",
        "retention",
        "recipients",
        "legal_basis",
    }


def test_malformed_language_is_a_400_that_says_what_is_wrong(client, published):
    response = client.get("/api/statements/?lang=fr")
    assert response.status_code == 400
    assert response.json() == {"lang": ["Use nl or en."]}


def test_unknown_statement_is_a_404(client):
    assert client.get("/api/statements/nope/").status_code == 404
    assert client.get("/api/statements/nope/versions/3/").status_code == 404


def test_schema_is_openapi_3_json_and_describes_the_api(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/statements/" in schema["paths"]
    assert "/api/statements/{slug}/versions/{number}/" in schema["paths"]


def test_api_docs_load_their_assets_from_this_site(client):
    html = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()


@pytest.mark.parametrize(
    ("path", "template"),
    [
        ("/api/statements/", "/api/statements/"),
        ("/api/statements/vroegsignalering-schulden/", "/api/statements/{slug}/"),
        ("/api/statements/vroegsignalering-schulden/?lang=en", "/api/statements/{slug}/"),
        (
            "/api/statements/vroegsignalering-schulden/versions/",
            "/api/statements/{slug}/versions/",
        ),
        (
            "/api/statements/vroegsignalering-schulden/versions/1/",
            "/api/statements/{slug}/versions/{number}/",
        ),
    ],
)
def test_responses_match_the_published_schema(client, published, path, template):
    import jsonschema

    document = client.get("/api/schema/?format=json").json()
    operation = document["paths"][template]["get"]
    response_schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    # Resolve "#/components/..." references against the schema document itself.
    root = {**response_schema, "components": document["components"]}
    jsonschema.validate(client.get(path).json(), root)
    assert "lang" in [p["name"] for p in operation["parameters"]]


def test_api_docs_and_their_script_set_no_cookie(client):
    for path in ("/api/docs/", "/api/docs/?script=", "/api/schema/?format=json"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert not response.cookies, path


API_PATHS = [
    "/api/statements/",
    "/api/statements/?lang=en",
    "/api/statements/vroegsignalering-schulden/",
    "/api/statements/vroegsignalering-schulden/?lang=nl",
    "/api/statements/vroegsignalering-schulden/?lang=en",
    "/api/statements/vroegsignalering-schulden/versions/",
    "/api/statements/vroegsignalering-schulden/versions/1/?lang=en",
]


@pytest.mark.parametrize("path", API_PATHS)
def test_a_public_api_answer_is_served_from_the_cache_without_the_database(
    client, published, path, django_assert_num_queries
):
    first = client.get(path)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(path)
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


def test_publishing_invalidates_exactly_the_api_answers_it_changes(
    client, published, django_capture_on_commit_callbacks
):
    import datetime as dt

    from statements.services import version_new_draft, version_publish

    from .factories import VersionFactory as Factory

    other = Factory(published=True, statement__slug="website")
    other_before = client.get("/api/statements/website/?lang=en").content
    before = {path: client.get(path).json() for path in API_PATHS}
    draft = version_new_draft(source=published)
    draft.change_summary_nl = draft.change_summary_en = "x"
    draft.effective_date = published.effective_date
    draft.save()
    with django_capture_on_commit_callbacks(execute=True):
        version_publish(version=draft, user=None, now=dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC))
    after_list = client.get("/api/statements/?lang=en").json()
    [item] = [i for i in after_list if i["slug"] == "vroegsignalering-schulden"]
    assert item["version"] == 2  # the list, in English, changed with the publish
    current = client.get("/api/statements/vroegsignalering-schulden/").json()
    assert current["version"] == 2
    assert before[API_PATHS[2]]["version"] == 1
    assert len(client.get("/api/statements/vroegsignalering-schulden/versions/").json()) == 2
    # Another statement's answer was not touched: still the stored bytes.
    assert other.statement.slug == "website"
    assert client.get("/api/statements/website/?lang=en").content == other_before


@pytest.mark.parametrize(
    "path",
    [
        "/api/statements/?lang=fr",
        "/api/statements/?lang=en&x=1",
        "/api/statements/?format=json",
    ],
)
def test_other_queries_are_never_cached(client, published, path, monkeypatch):
    from statements import cache as page_cache

    stored = []
    real_set = page_cache.cache.set
    monkeypatch.setattr(
        page_cache.cache, "set", lambda key, *a, **k: stored.append(key) or real_set(key, *a, **k)
    )
    client.get(path)
    client.get("/api/statements/?lang=en")  # a cached query, for contrast
    assert len(stored) == 1
    assert stored[0].endswith("/api/statements/?lang=en@testserver")


def test_an_api_answer_is_cached_per_host_because_it_holds_absolute_links(
    client, published, settings
):
    settings.ALLOWED_HOSTS = ["testserver", "privacy.heerlen.nl"]
    here = client.get("/api/statements/").json()[0]["url"]
    there = client.get("/api/statements/", HTTP_HOST="privacy.heerlen.nl").json()[0]["url"]
    assert here.startswith("http://testserver/")
    assert there.startswith("http://privacy.heerlen.nl/")
