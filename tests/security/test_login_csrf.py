"""CSRF on the sign-in forms (a pre-session double-submit token); the JSON sign-in needs none."""

from tests.security.conftest import PASSWORD


def csrf_of(html: str) -> str:
    return html.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def test_the_login_form_needs_its_token(make_client, account):
    client = make_client()
    token = csrf_of(client.get("/login").text)
    assert client.cookies.get("oc_login_csrf") == token
    forged = make_client().post("/login", data={"username": account["username"], "password": PASSWORD},
                                follow_redirects=False)
    assert forged.status_code == 403 and "oc_session" not in forged.cookies
    wrong = client.post("/login", data={"username": account["username"], "password": PASSWORD,
                                        "csrf_token": "x" * 32}, follow_redirects=False)
    assert wrong.status_code == 403
    signed_in = client.post("/login", data={"username": account["username"], "password": PASSWORD,
                                            "csrf_token": token}, follow_redirects=False)
    assert signed_in.status_code == 303 and signed_in.cookies.get("oc_session")


def test_a_refused_login_form_offers_a_fresh_token(make_client):
    client = make_client()
    refused = client.post("/login", data={"username": "x", "password": "y"})
    assert refused.status_code == 403 and "防伪令牌" in refused.text
    assert csrf_of(refused.text) == client.cookies.get("oc_login_csrf")


def test_the_registration_form_needs_its_token(make_client):
    response = make_client().post("/register", data={"username": "someone-new", "password": "violet-lantern-47"})
    assert response.status_code == 403


def test_the_json_login_needs_no_cookie(make_client, account):
    response = make_client().post("/api/v1/auth/login", json={"username": account["username"], "password": PASSWORD})
    assert response.status_code == 200 and response.json()["token"]


def test_a_throttled_login_form_says_when_to_try_again(make_client, account):
    client = make_client(login_attempts_per_window=1)
    token = csrf_of(client.get("/login").text)
    form = {"username": account["username"], "password": "wrong-password", "csrf_token": token}
    assert client.post("/login", data=form).status_code == 401
    throttled = client.post("/login", data={**form, "password": PASSWORD})
    assert throttled.status_code == 429 and "秒后再试" in throttled.text
    assert int(throttled.headers["Retry-After"]) >= 1
