"""One id per body of schools across documents: a key that a document prints as another form of
a body (its acronym, a short form, a former name: partnership_mentions.mention_text under that
body's name) takes the body's id, unless different documents give that form to different bodies;
a body whose name an imported register holds gets the register's group. Rebuilt before each
publish that follows a change, so it is always consistent with the documents and registers."""
from __future__ import annotations

import hashlib

import duckdb
import pyarrow as pa

from pipeline.partnership_keys import partnership_key
from warehouse.transaction import transaction

MAX_HOPS = 5  # an alias of an alias of …: no chain is this long in practice; a cycle stops here


def named_id(key: str) -> str:
    """The id of a named partnership by its (resolved) key, as loaded rows first carry it."""
    return "p-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def resolve_partnership_ids(con: duckdb.DuckDBPyConnection) -> int:
    """Rebuild partnership_ids and give every row its resolved id; returns the rows whose id changed."""
    forms = con.execute("SELECT DISTINCT partnership_key, mention_text FROM partnership_mentions "
                        "WHERE named AND partnership_key IS NOT NULL AND partnership_key NOT LIKE '~%'").fetchall()
    keys = {key for key, _ in forms} | {k for (k,) in con.execute(
        "SELECT DISTINCT partnership_key FROM partnership_members WHERE partnership_key NOT LIKE '~%'").fetchall()}
    targets: dict[str, set[str]] = {}
    for key, text in forms:
        form = partnership_key(text or "")
        if form and form != key:
            targets.setdefault(form, set()).add(key)
    official = dict(con.execute("SELECT name_key, min(group_uid) FROM official_groups GROUP BY name_key").fetchall())
    resolved = {key: _follow(key, targets) for key in keys}
    groups: dict[str, str | None] = {}
    for key, body in resolved.items():  # a body is in the register under any of its printed forms
        uid = official.get(key) or official.get(body)
        if uid and not groups.get(body):
            groups[body] = uid
    rows = sorted(keys)
    table = pa.table({
        "partnership_key": pa.array(rows, pa.string()),
        "partnership_id": pa.array([named_id(resolved[k]) for k in rows], pa.string()),
        "resolved_key": pa.array([resolved[k] for k in rows], pa.string()),
        "official_group_uid": pa.array([groups.get(resolved[k]) for k in rows], pa.string()),
    })
    changed = 0
    with transaction(con):
        con.execute("DELETE FROM partnership_ids")
        con.register("resolved_ids", table)
        con.execute("INSERT INTO partnership_ids BY NAME SELECT * FROM resolved_ids")
        con.unregister("resolved_ids")
        for name in ("partnership_mentions", "partnership_members", "collaboration_activities"):
            changed += con.execute(
                f"UPDATE {name} SET partnership_id = p.partnership_id FROM partnership_ids p "
                f"WHERE {name}.partnership_key = p.partnership_key "
                f"AND {name}.partnership_id IS DISTINCT FROM p.partnership_id").fetchone()[0]
    return changed


def _follow(key: str, targets: dict[str, set[str]]) -> str:
    """The body a key is a form of: followed while every document that prints it agrees on one body."""
    seen = {key}
    for _ in range(MAX_HOPS):
        found = targets.get(key)
        if not found or len(found) != 1:
            return key
        nxt = next(iter(found))
        if nxt in seen:
            return min(seen)  # two forms each called the other's: one id for both, the same every run
        seen.add(nxt)
        key = nxt
    return key
