"""`magnesium serve` and `magnesium invite` as a practitioner runs them: the server starts on
127.0.0.1 (or over TLS), refuses a network address without TLS, stops on SIGTERM; codes are
made, listed, revoked and renewed; the terminal commands never load the web packages."""
from __future__ import annotations

import os
import re
import signal
import socket
import ssl
import stat
import subprocess
import sys
import urllib.request
from importlib.metadata import files
import pytest

from conftest import BIN, ROOT, magnesium

WEB_PACKAGES = ("flask", "werkzeug", "jinja2", "cheroot", "segno", "markupsafe", "itsdangerous")
CODE = re.compile(r"Code voor de cliënt: ([A-Z2-9]{4}-[A-Z2-9]{4})\n")


@pytest.fixture
def env(tmp_path):
    return {"MAGNESIUM_DB": str(tmp_path / "intakes.sqlite3")}


def test_invite_makes_a_code_its_link_and_a_card(tmp_path, env):
    card = tmp_path / "kaart.html"
    result = magnesium("invite", "--url", "https://praktijk.lan:8443/", "--card", str(card), env=env)
    assert result.returncode == 0, result.stderr
    code = CODE.search(result.stdout).group(1)
    assert f"Link met de code: https://praktijk.lan:8443/#{code}\n" in result.stdout
    page = card.read_text(encoding="utf-8")
    assert stat.S_IMODE(card.stat().st_mode) == 0o600
    assert code in page and "<svg" in page and "<script" not in page.lower() and "https://praktijk.lan:8443/" in page
    listed = magnesium("invite", "--list", env=env).stdout
    assert re.search(r"^1 .* open +\(geen naam\) +nog niet begonnen$", listed, re.M)


def test_invite_revokes_and_renews_once(env):
    assert magnesium("invite", env=env).returncode == 0
    renewed = magnesium("invite", "--renew", "1", "--hours", "2", env=env)
    assert renewed.returncode == 0 and CODE.search(renewed.stdout)
    assert magnesium("invite", "--revoke", "1", env=env).returncode == 0
    again = magnesium("invite", "--revoke", "1", env=env)
    assert again.returncode == 2 and again.stdout == ""
    assert again.stderr == "magnesium invite: --revoke: maak een nieuwe code met magnesium invite; code 1 is al ingetrokken\n"
    assert "code 7 bestaat niet" in magnesium("invite", "--renew", "7", env=env).stderr


@pytest.mark.parametrize("args,fragment", [
    (("--list", "--revoke", "1"), "gebruik --revoke zonder --list"),
    (("--hours", "0"), "--hours: geef een aantal uren van 1 tot en met 336; gekregen: 0"),
    (("--url", "praktijk.lan"), "--url: geef het adres dat magnesium serve noemt"),
    (("--card", "kaart.pdf"), "--card: geef een bestandsnaam die eindigt op .html"),
    (("--list", "--url", "https://x/"), "gebruik deze optie alleen bij een nieuwe code, niet met --list"),
])
def test_invite_refuses_bad_options_in_one_line_each(env, args, fragment):
    result = magnesium("invite", *args, env=env)
    assert result.returncode == 2 and fragment in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("args,fragment", [
    (("--host", "0.0.0.0"), "--host: geef --cert en --key (TLS), of zet er een reverse proxy met TLS voor"),
    (("--cert", "c.pem"), "--key: geef --cert en --key samen"),
    (("--cert", "missing.pem", "--key", "missing.pem"), "missing.pem: --cert: geef een bestand dat bestaat"),
    (("--idle-minutes", "0"), "--idle-minutes: geef een aantal minuten van 1 tot en met 30; gekregen: 0"),
])
def test_serve_refuses_a_network_without_tls_and_bad_options(env, args, fragment):
    result = magnesium("serve", *args, env=env)
    assert result.returncode == 2 and fragment in result.stderr and result.stdout == ""


def start_serving(env: dict, *args: str) -> tuple[subprocess.Popen, str]:
    """`magnesium serve --port 0 ARGS` as a practitioner starts it; its address (first line)."""
    server = subprocess.Popen([str(BIN / "magnesium"), "serve", "--port", "0", *args], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, **env})
    first = server.stdout.readline()
    found = re.search(r"(https?://\S+/)", first)
    assert found, first + server.stderr.read()
    return server, found.group(1)


def stop(server: subprocess.Popen) -> tuple[int, str, str]:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    return server.returncode, server.stdout.read(), server.stderr.read()  # the rest, after the first line


def test_serve_starts_on_this_computer_only_and_stops_on_sigterm(env):
    server, url = start_serving(env)
    try:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url, timeout=10) as response:
            page = response.read().decode()
            assert response.status == 200 and "Typ je code" in page
            assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    finally:
        code, out, err = stop(server)
    assert code == 0 and "Alleen deze computer kan erbij (127.0.0.1)" in out and "magnesium invite --url" in out
    assert "gestopt" in err


def test_serve_over_tls_sends_secure_cookies_and_hsts(tmp_path, env):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                           "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1"], capture_output=True)
    if made.returncode != 0:
        pytest.skip("openssl could not make a test certificate")
    server, url = start_serving(env, "--cert", str(cert), "--key", str(key))
    try:
        assert url.startswith("https://127.0.0.1:")
        context = ssl.create_default_context(cafile=str(cert))
        context.check_hostname = False
        with urllib.request.urlopen(url, timeout=10, context=context) as response:
            assert response.status == 200
            assert "Secure" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]
            assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    finally:
        code, out, _ = stop(server)
    assert code == 0 and "Versleuteld met TLS" in out


def test_serve_says_so_when_the_port_is_taken(env):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = magnesium("serve", "--port", str(taken.getsockname()[1]), env=env)
    assert result.returncode == 2 and "magnesium serve: --host: kies een ander adres of een andere poort" in result.stderr


def test_the_terminal_commands_never_load_the_web_packages(tmp_path, env):
    """The store (which holds the codes) and every terminal command start as fast as before."""
    answers = tmp_path / "a.yaml"
    answers.write_text("age: 40\nsex: male\nkidney: none\n", encoding="utf-8")
    code = f"""
import sys
from questionnaire.cli import main
import questionnaire.commands.intake, questionnaire.intake.first_screen, questionnaire.store
for args in (["advise", {str(answers)!r}, "--save"], ["review"], ["review", "1"], ["invite", "--list"]):
    main(args)
print(sorted(m for m in sys.modules if m.split(".")[0] in {WEB_PACKAGES!r}))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, **env}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_web_pages_and_their_files_are_installed():
    installed = {str(f) for f in files("magnesium-intake") or ()}
    if not any(name.startswith("questionnaire/") for name in installed):
        pytest.skip("the package is not installed (run make test)")
    web = ROOT / "questionnaire" / "web"
    shipped = {p.relative_to(ROOT).as_posix() for p in web.rglob("*")
               if p.suffix in (".html", ".css", ".js", ".yaml", ".py") and "__pycache__" not in p.parts}
    assert shipped - installed == set() and any(name.endswith("templates/question.html") for name in shipped)
