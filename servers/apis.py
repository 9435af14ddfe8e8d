"""The JSON APIs the exercises call, served by mock_server.py.

search_user (8-json_api):
  POST /search_user  q=<letter>   {"id": N, "name": "..."} for the first user
                                  whose name starts with the letter (any
                                  case), {} when none does; q empty: user 1.
                                  With --random-users: a random user or {}.
GitHub (10-my_github, 100-github_commits), shapes as GitHub documents them:
  GET /user                       Basic auth against ACCOUNTS, else 401
  GET /repos/<owner>/<repo>/commits?per_page=&page=
                                  REPOS, newest first, with a Link header;
                                  holbertonschool/empty: 409; owner
                                  rate-limited: 403, too-many: 429, with
                                  X-RateLimit-Remaining: 0; forbidden: 403
                                  with 59 left; generous: rails/rails's,
                                  per_page ignored; other: 404
Star Wars API (9, 101, 102-starwars):
  GET /api/people/?search=&page=  count, next, previous, results; 10 a page
  GET /api/films/<n>/             one film
Failures, for error-path tests: /fail/page-<n>/<path>: page n of people
answers 500; /fail/films/<path>: every film answers 500 (/fail/films-NNN/:
status NNN); /loop/people/:
a page whose "next" is itself; /chain/<n>/people/: n pages of one person
each ("Person 1" ... "Person <n>"), each page's "next" the one after. /broken/<how>/<any path above> gives the
same answer spoiled, where <how> is
  truncated       the JSON cut in half        not-json   an HTML page
  deep            100,000 nested arrays       huge       10 MB of padding
  missing-<key>   <key> removed everywhere    wrong-<key> <key> of the
                                                          wrong type
  fraction-<key>  <key>, a number, plus 0.5   upper-<key> <key> spelled
                                                          in capitals
  empty-list      [] instead of the answer
"""

import base64
import hashlib
import json
import random
import re
import urllib.parse

USERS = [
    (1, "Ada Lovelace"), (2, "Bob Kahn"), (3, "Charles Babbage"),
    (4, "Dennis Ritchie"), (5, "Edsger Dijkstra"), (6, "Frances Allen"),
    (7, "Grace Hopper"), (8, "Hedy Lamarr"), (9, "Ingrid Daubechies"),
    (10, "John McCarthy"), (11, "Ken Thompson"), (12, "Linus Torvalds"),
    (13, "Margaret Hamilton"), (14, "Niklaus Wirth"), (15, "Radia Perlman"),
    (16, "Søren Kierkegaard"), (17, "Tim Berners-Lee"), (18, "Vint Cerf"),
]

ACCOUNTS = {  # login: (token, id)
    "octocat": ("ghp_octocat0000000000000000000000000000", 583231),
    "holberton": ("hbtn-token-123", 12345678),
}

AUTHORS = [
    "Jean Boussier", "Rafael França", "Ryuta Kamizono", "José Valim",
    "Étienne Barrié", "Yasuo Honda", "Jonathan Hefner", "Xavier Noria",
    "Eileen M. Uchitelle", "Aaron Patterson", "Zoë Doe", "山田太郎",
    "Jean Boussier", "Petrik de Heus", "John Hawthorn",
]


def make_commits(owner, repo, n):
    """n commits, newest first, with deterministic shas."""
    commits = []
    for i in range(n):
        sha = hashlib.sha1(("%s/%s/%d" % (owner, repo, i)).encode()).hexdigest()
        name = AUTHORS[i % len(AUTHORS)]
        date = "2026-11-%02dT12:00:00Z" % (20 - i % 20)
        person = {"name": name, "email": "dev%d@example.com" % i, "date": date}
        commits.append({
            "sha": sha,
            "node_id": "C_" + sha[:20],
            "commit": {"author": person, "committer": dict(person),
                       "message": "Commit number %d" % (n - i),
                       "comment_count": 0},
            "author": {"login": "dev%d" % i, "id": 1000 + i, "type": "User"},
            "committer": {"login": "dev%d" % i, "id": 1000 + i, "type": "User"},
            "parents": [],
        })
    return commits


REPOS = {
    ("rails", "rails"): make_commits("rails", "rails", 15),
    ("holbertonschool", "few"): make_commits("holbertonschool", "few", 3),
    ("holbertonschool", "empty"): [],
}
RATE_LIMIT_RESET = 1800000000  # 2027-01-15 08:00:00 UTC
GITHUB_DOCS = "https://docs.github.com/rest"

FILMS = {
    1: "A New Hope", 2: "The Empire Strikes Back", 3: "Return of the Jedi",
    4: "The Phantom Menace", 5: "Attack of the Clones",
    6: "Revenge of the Sith",
}
PEOPLE = [  # name, films
    ("Luke Skywalker", [1, 2, 3, 6]), ("C-3PO", [1, 2, 3, 4, 5, 6]),
    ("R2-D2", [1, 2, 3, 4, 5, 6]), ("Darth Vader", [1, 2, 3, 6]),
    ("Leia Organa", [1, 2, 3, 6]), ("Owen Lars", [1, 5, 6]),
    ("Beru Whitesun lars", [1, 5, 6]), ("R5-D4", [1]),
    ("Biggs Darklighter", [1]), ("Obi-Wan Kenobi", [1, 2, 3, 4, 5, 6]),
    ("Anakin Skywalker", [4, 5, 6]), ("Wilhuff Tarkin", [1, 6]),
    ("Chewbacca", [1, 2, 3, 6]), ("Han Solo", [1, 2, 3]),
    ("Greedo", [1]), ("Jabba Desilijic Tiure", [1, 3, 4]),
    ("Wedge Antilles", [1, 2, 3]), ("Jek Tono Porkins", [1]),
    ("Yoda", [2, 3, 4, 5, 6]), ("Palpatine", [2, 3, 4, 5, 6]),
    ("Boba Fett", [2, 3, 5]), ("IG-88", [2]), ("Bossk", [2]),
    ("Lando Calrissian", [2, 3]), ("Lobot", [2]),
]
PAGE = 10

state = {"random_users": False}


def configure(server, random_users=False):
    state["random_users"] = random_users


# --- search_user -----------------------------------------------------------


def search_user(h):
    if h.command != "POST":
        h.reply(405, "Method Not Allowed", [("Allow", "POST")])
        return
    form = urllib.parse.parse_qs(h.body.decode("utf-8", "replace"),
                                 keep_blank_values=True)
    letter = form.get("q", [""])[0]
    if state["random_users"]:
        found = [random.choice(USERS)] if random.random() < 0.8 else []
    else:
        found = [u for u in USERS if u[1].lower().startswith(letter.lower())]
    h.reply_json(200, {"id": found[0][0], "name": found[0][1]} if found else {})


# --- GitHub ----------------------------------------------------------------


def github_error(h, status, message, headers=()):
    h.reply_json(status, {"message": message, "documentation_url": GITHUB_DOCS,
                          "status": str(status)}, headers)


def github_user(h):
    auth = h.headers.get("Authorization", "")
    if not auth.startswith("Basic "):
        github_error(h, 401, "Requires authentication")
        return
    try:
        login, _, token = base64.b64decode(auth[6:]).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        login, token = "", ""
    if ACCOUNTS.get(login, (None,))[0] != token:
        github_error(h, 401, "Bad credentials")
        return
    h.reply_json(200, {"login": login, "id": ACCOUNTS[login][1],
                       "node_id": "MDQ6VXNlcjU4MzIzMQ==", "type": "User",
                       "name": login.title(), "public_repos": 8})


def github_commits(h, owner, repo):
    owner = urllib.parse.unquote(owner)
    repo = urllib.parse.unquote(repo)
    limited = {"rate-limited": 403, "too-many": 429}.get(owner)
    if limited:
        github_error(h, limited, "API rate limit exceeded for 127.0.0.1.", [
            ("X-RateLimit-Limit", "60"), ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", str(RATE_LIMIT_RESET)),
            ("X-RateLimit-Used", "60"), ("X-RateLimit-Resource", "core")])
        return
    if owner == "forbidden":
        # A 403 that is not a rate limit: GitHub's rate fields say so.
        github_error(h, 403, "Resource not accessible by integration", [
            ("X-RateLimit-Limit", "60"), ("X-RateLimit-Remaining", "59"),
            ("X-RateLimit-Reset", str(RATE_LIMIT_RESET))])
        return
    # Owner "generous": rails/rails's commits, per_page ignored (all 15).
    generous = owner == "generous"
    commits = REPOS.get(("rails", repo) if generous else (owner, repo))
    if commits is None:
        github_error(h, 404, "Not Found")
        return
    if not commits:
        github_error(h, 409, "Git Repository is empty.")
        return
    per_page = max(1, min(int(h.query.get("per_page", ["30"])[0]), 100))
    if generous:
        per_page = 30
    page = max(1, int(h.query.get("page", ["1"])[0]))
    last = (len(commits) + per_page - 1) // per_page
    link = "%s/repos/%s/%s/commits?per_page=%d&page=%%d" % (
        h.api_base, urllib.parse.quote(owner, safe=""),
        urllib.parse.quote(repo, safe=""), per_page)
    links = []
    if page < last:
        links += ['<%s>; rel="next"' % (link % (page + 1)),
                  '<%s>; rel="last"' % (link % last)]
    if page > 1:
        links += ['<%s>; rel="first"' % (link % 1),
                  '<%s>; rel="prev"' % (link % (page - 1))]
    headers = [("Link", ", ".join(links))] if links else []
    headers += [("X-RateLimit-Limit", "60"), ("X-RateLimit-Remaining", "59")]
    h.reply_json(200, commits[(page - 1) * per_page:page * per_page], headers)


# --- Star Wars API -----------------------------------------------------------


def person(h, name, films):
    return {"name": name, "films": ["%s/api/films/%d/" % (h.api_base, f)
                                    for f in films]}


def swapi_people(h):
    search = h.query.get("search", [""])[0].lower()
    page = max(1, int(h.query.get("page", ["1"])[0] or 1))
    if h.fail == "page-%d" % page:
        h.reply_json(500, {"detail": "page %d is down" % page})
        return
    found = [p for p in PEOPLE if search in p[0].lower()]
    if (page - 1) * PAGE >= max(len(found), 1):
        h.reply_json(404, {"detail": "Not found"})
        return

    def page_url(n):
        query = urllib.parse.urlencode({"search": search, "page": n})
        return "%s/api/people/?%s" % (h.api_base, query)

    h.reply_json(200, {
        "count": len(found),
        "next": page_url(page + 1) if page * PAGE < len(found) else None,
        "previous": page_url(page - 1) if page > 1 else None,
        "results": [person(h, n, f)
                    for n, f in found[(page - 1) * PAGE:page * PAGE]],
    })


def swapi_loop(h):
    url = "%s/loop/people/?search=" % h.api_base
    h.reply_json(200, {"count": 1, "next": url, "previous": url,
                       "results": [{"name": "Loop", "films": []}]})


def swapi_chain(h, n):
    n = int(n)
    page = max(1, int(h.query.get("page", ["1"])[0] or 1))

    def page_url(k):
        return "%s/chain/%d/people/?search=&page=%d" % (h.api_base, n, k)

    h.reply_json(200, {
        "count": n,
        "next": page_url(page + 1) if page < n else None,
        "previous": page_url(page - 1) if page > 1 else None,
        "results": [{"name": "Person %d" % page, "films": []}],
    })


def swapi_film(h, n):
    n = int(n)
    if h.fail is not None and h.fail.startswith("films"):
        h.reply_json(int(h.fail[6:] or 500), {"detail": "films are down"})
        return
    if n not in FILMS:
        h.reply_json(404, {"detail": "Not found"})
        return
    h.reply_json(200, {"title": FILMS[n], "episode_id": n,
                       "url": "%s/api/films/%d/" % (h.api_base, n)})


# --- spoiling answers ------------------------------------------------------


def spoil(how, text):
    """The JSON text `text`, spoiled the way /broken/<how>/ asks."""
    if how == "truncated":
        return text[:len(text) // 2]
    if how == "not-json":
        return "<html><body>Service Unavailable</body></html>"
    if how == "deep":
        return "[" * 100000 + "]" * 100000
    if how == "empty-list":
        return "[]"
    obj = json.loads(text)
    if how == "huge":
        pad = "x" * (10 * 1000 * 1000)
        target = obj[0] if isinstance(obj, list) and obj else obj
        if isinstance(target, dict):
            target["padding"] = pad
        return json.dumps(obj, ensure_ascii=False)
    kind, _, key = how.partition("-")
    return json.dumps(change_key(obj, key, kind), ensure_ascii=False)


def change_key(obj, key, kind):
    """Remove (kind "missing"), retype ("wrong"), add 0.5 to ("fraction")
    or capitalize ("upper") key everywhere."""
    if isinstance(obj, list):
        return [change_key(x, key, kind) for x in obj]
    if not isinstance(obj, dict):
        return obj
    out = {}
    for k, v in obj.items():
        if k == key and kind == "missing":
            continue
        if k == key and kind == "wrong":
            out[k] = len(v) if isinstance(v, str) else str(v)
        elif k == key and kind == "fraction":
            out[k] = v + 0.5
        elif k == key and kind == "upper":
            out[k.upper()] = v
        else:
            out[k] = change_key(v, key, kind)
    return out


ROUTES = [
    (r"/search_user", search_user),
    (r"/user", github_user),
    (r"/repos/([^/]+)/([^/]+)/commits", github_commits),
    (r"/api/people/?", swapi_people),
    (r"/api/films/(\d+)/?", swapi_film),
    (r"/loop/people/?", swapi_loop),
    (r"/chain/(\d+)/people/?", swapi_chain),
]
BROKEN = re.compile(r"/broken/(truncated|not-json|deep|huge|empty-list|"
                    r"(?:missing|wrong|fraction|upper)-[a-z_]+)(/.*)")


FAIL = re.compile(r"/fail/(page-\d+|films(?:-\d{3})?)(/.*)")


def find_route(path):
    """(handler, args) for an API path, or None."""
    prefix, how, fail = "", None, None
    m = BROKEN.fullmatch(path)
    if m:
        how, path = m.group(1), m.group(2)
        prefix = "/broken/" + how
    m = FAIL.fullmatch(path)
    if m:
        fail, path = m.group(1), m.group(2)
        prefix = "/fail/" + fail
    for pattern, handler in ROUTES:
        m = re.fullmatch(pattern, path)
        if m:
            return api_call, (handler, m.groups(), prefix, how, fail)
    return None


def api_call(h, handler, args, prefix, how, fail):
    """Run an API handler; links it makes keep the /broken/ prefix."""
    h.api_base = h.base_url() + prefix
    h.spoil = (lambda text: spoil(how, text)) if how else None
    h.fail = fail
    handler(h, *args)
