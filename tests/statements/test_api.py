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
