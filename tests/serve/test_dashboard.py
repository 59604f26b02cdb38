"""The dashboard: one offline page, its script and style, served by the app."""

from __future__ import annotations

import re

import pytest


@pytest.fixture(scope="module")
def page(client):
    return client.get("/")


@pytest.fixture(scope="module")
def script(client):
    return client.get("/static/app.js")


def test_the_page_is_served_and_loads_its_own_script_and_style(page):
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<script src="/static/app.js" defer></script>' in page.text
    assert '<link rel="stylesheet" href="/static/style.css">' in page.text


def test_script_and_style_are_served(client, script):
    assert script.status_code == 200
    assert "javascript" in script.headers["content-type"]
    style = client.get("/static/style.css")
    assert (style.status_code, style.headers["content-type"][:8]) == (200, "text/css")


def test_the_script_calls_the_api_it_needs(script):
    for path in ("/api/events", "/api/stats", "/api/documents/"):
        assert path in script.text


def test_every_element_the_script_looks_up_is_on_the_page(page, script):
    wanted = set(re.findall(r'\$\("#([\w-]+)', script.text))
    assert {"filters", "events", "roots", "detail", "prev", "next"} <= wanted
    present = set(re.findall(r'id="([\w-]+)"', page.text))
    assert wanted <= present


def test_every_filter_the_form_sends_is_an_api_parameter(client, page):
    names = set(re.findall(r'<(?:input|select) name="(\w+)"', page.text))
    assert names == {"actor", "country", "root", "mode", "since", "until"}
    spec = client.get("/api/openapi.json").json()
    accepted = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert names <= accepted


def test_the_page_works_offline(client, page, script):
    style = client.get("/static/style.css").text
    for text in (page.text, style):
        assert "http://" not in text and "https://" not in text
        assert "@import" not in text and "url(" not in text
    # The only absolute URL in the script is the SVG namespace, which is never fetched.
    assert set(re.findall(r"https?://[^\s\"'`]+", script.text)) == {"http://www.w3.org/2000/svg"}


def test_the_content_policy_forbids_other_origins(page):
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"


def test_api_answers_carry_the_same_headers(client):
    assert "content-security-policy" in client.get("/api/health").headers
