#!/usr/bin/env python3
"""The client and the report of bench/cold.sh (see bench/README.md, "Cold questions"). Standard library only.

    cold.py warmup  BASE QUESTIONS                      the portal's code paths, with addresses that are not questions
    cold.py ask     BASE QUESTIONS OUT [CLIENTS]        each question once (CLIENTS > 1: that many at a time)
    cold.py report  CONNECTION DIR...                   tables, the slowest questions and their plans (DIR: one per pass)

Environment: BENCH_TIMEOUT (seconds a question may take, default 60), BENCH_SAMPLE (ask only N questions, evenly spread
over the list), BENCH_KINDS (only these kinds, comma-separated), BENCH_SLOWEST (how many slowest to explain, default 5),
BENCH_EXPLAIN_TIMEOUT (seconds an EXPLAIN ANALYZE may take before a plain EXPLAIN is shown instead, default 120),
BENCH_WARM (shapes: warm each question's shape with stand-in values, the default; paths: each page and filter alone only;
pages: each page once, for sizes where the code paths themselves take minutes).
"""
import bisect
import concurrent.futures
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from urllib.parse import unquote

TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "60"))
KINDS = ["search", "browse", "stats", "api", "csv"]
KIND_NAMES = {"search": "catalogue search (q + 0-3 facets)", "browse": "catalogue, facets only", "stats": "/stats with filters",
              "api": "/api/v1/initiatives with filters", "csv": "CSV export, first byte"}
FACETS = ["country", "region", "modality", "instrument", "status", "category", "sdg", "actortype", "principle", "year", "assessed"]


def load_questions(path):
    questions = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        kind, tag, language, address = line.rstrip("\n").split("\t")
        questions.append({"kind": kind, "tag": tag, "language": language, "path": address})
    kinds = [k for k in os.environ.get("BENCH_KINDS", "").split(",") if k]
    if kinds:
        questions = [q for q in questions if q["kind"] in kinds]
    sample = int(os.environ.get("BENCH_SAMPLE", "0") or 0)
    if 0 < sample < len(questions):
        step = len(questions) / sample
        questions = [questions[int(i * step)] for i in range(sample)]
    return questions


def load1():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def ask(base, question, timeout=TIMEOUT):
    """One request with curl. A page is read whole (time_total); the CSV export only to its first byte (time_starttransfer)."""
    headers = f"/tmp/cold-headers-{os.getpid()}-{threading.get_ident()}.txt"
    language = question["language"] if question["language"] in ("en", "es", "pt", "fr") else "en"
    command = ["curl", "-sS", "-D", headers, "-H", f"Accept-Language: {language}", "--max-time", str(timeout),
               "-w", "%{stderr}\n%{http_code} %{time_starttransfer} %{time_total} %{size_download}"]
    started = time.time()
    if question["kind"] == "csv":
        process = subprocess.Popen(command + ["-o", "-", base + question["path"]], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        process.stdout.read(1)
        process.stdout.close()  # curl stops at its next write (exit 23); the portal sees the client go and stops its query
        error = process.stderr.read().decode(errors="replace")
        code = process.wait()
    else:
        process = subprocess.run(command + ["-o", "/dev/null", base + question["path"]], capture_output=True)
        error, code = process.stderr.decode(errors="replace"), process.returncode
    ended = time.time()
    status, first, total, size = (error.strip().splitlines() or ["000 0 0 0"])[-1].split()
    statements = None
    try:
        for line in open(headers, encoding="latin-1"):
            if line.lower().startswith("x-sql-statements:"):
                statements = int(line.split(":", 1)[1])
        os.remove(headers)
    except (OSError, ValueError):
        pass
    seconds = float(first) if question["kind"] == "csv" else float(total)
    timed_out = code == 28
    return {**question, "status": int(status), "curl": code, "ms": round(seconds * 1000, 1), "first_ms": round(float(first) * 1000, 1),
            "bytes": int(size), "statements": statements, "timeout": timed_out, "start": started, "end": ended, "load": load1()}


def warm_paths(questions, asked):
    """The portal's code paths: each page and each filter alone, a word, a phrase, an exclusion and a typo, and (BENCH_WARM=shapes,
    the default) the shape of each question about to be asked, with stand-in values; never a question."""
    values = {"country": ["SE", "NO", "IT"], "region": ["europe", "north-america"], "modality": ["decentralised", "peopletopeople"],
              "instrument": ["action", "project"], "status": ["suspended", "cancelled"], "category": ["998", "720"], "sdg": ["17", "16"],
              "actortype": ["privatesector", "foundation"], "principle": ["self-reliance", "enabling-environment"],
              "year": ["2005", "2006"], "assessed": ["yes"]}
    paths = ["/bench/baseline", "/initiatives", "/stats", "/api/v1/initiatives", "/export/initiatives.csv?status=suspended"]
    if os.environ.get("BENCH_WARM", "shapes") == "pages":
        return [p for p in paths if p not in asked]
    for base in ["/initiatives", "/stats", "/api/v1/initiatives", "/export/initiatives.csv"]:
        for q in ["foundation", '"regional programme"', "foundation -network", "fondatoin", "foundation&country=SE&role=provider"]:
            paths.append(f"{base}?q={q.replace(' ', '%20').replace(chr(34), '%22')}")
        for facet, candidates in values.items():
            for value in candidates:
                if f"{base}?{facet}={value}" not in asked:
                    paths.append(f"{base}?{facet}={value}")
                    break
    if os.environ.get("BENCH_WARM", "shapes") == "shapes":
        paths += [twin for twin in (shape_twin(q["path"]) for q in questions) if twin not in asked]
    return list(dict.fromkeys(p for p in paths if p not in asked))


# Each parameter's stand-in for a question's shape: a word no question uses, and selective values (few or no initiatives).
STAND_IN = {"q": "salomon", "country": "SE", "region": "north-america", "modality": "peopletopeople", "instrument": "action",
            "status": "suspended", "category": "998", "sdg": "17", "actortype": "privatesector", "principle": "self-reliance",
            "year": "2005", "assessed": "yes", "limit": "50"}


def shape_twin(path):
    """The question's shape (the same page and parameters) with other values: asking it compiles the same queries (EF Core
    compiles one query per combination of filters) without asking the question or touching the rows it reads."""
    base, _, query = path.partition("?")
    if not query:
        return base
    pairs = [pair.split("=", 1) for pair in query.split("&")]
    return base + "?" + "&".join(f"{k}={STAND_IN.get(k, v)}" for k, v in pairs)


def command_warmup(base, questions_file):
    questions = load_questions(questions_file)
    paths = warm_paths(questions, {q["path"] for q in load_questions_all(questions_file)})
    started = time.time()
    for path in paths:
        kind = "csv" if path.startswith("/export") else "page"
        ask(base, {"kind": kind, "tag": "warm-up", "language": "en", "path": path})
    print(f"warm-up: {len(paths)} requests in {time.time() - started:.0f} s (code paths only; {len(questions)} questions to ask)", file=sys.stderr)


def load_questions_all(path):
    saved = {k: os.environ.pop(k, None) for k in ("BENCH_KINDS", "BENCH_SAMPLE")}
    try:
        return load_questions(path)
    finally:
        os.environ.update({k: v for k, v in saved.items() if v is not None})


def command_ask(base, questions_file, out, clients=1):
    questions = load_questions(questions_file)
    os.makedirs(out, exist_ok=True)
    results = []
    started = time.time()
    load_before = open("/proc/loadavg").read().strip()
    if clients <= 1:
        for i, question in enumerate(questions):
            results.append(ask(base, question))
            if results[-1]["curl"] == 7:
                # Connection refused: the portal is gone (see portal.log); the remaining questions would only count it again.
                print(f"  the portal stopped answering at question {i + 1} ({question['path']}); the run ends here", file=sys.stderr)
                break
            if (i + 1) % 50 == 0:
                print(f"  {i + 1}/{len(questions)} asked, {time.time() - started:.0f} s, load {load1():.1f}", file=sys.stderr)
    else:
        with concurrent.futures.ThreadPoolExecutor(clients) as pool:
            results = list(pool.map(lambda q: ask(base, q), questions))
    meta = {"clients": clients, "questions": len(questions), "seconds": round(time.time() - started, 1),
            "loadavg_before": load_before, "loadavg_after": open("/proc/loadavg").read().strip(),
            "load1_max": max((r["load"] for r in results), default=None)}
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"meta": meta, "results": results}, f)
    print(f"  {len(results)} questions in {meta['seconds']} s with {clients} client(s); load {meta['loadavg_before']} -> {meta['loadavg_after']}",
          file=sys.stderr)


# --- Report ------------------------------------------------------------------------------------------------------------

def pct(values, p):
    values = sorted(values)
    if not values:
        return None
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def fmt(value, digits=0):
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def facets_of(path):
    return sum(1 for f in FACETS if re.search(rf"[?&]{f}=", path))


# A statement of the typo fallback: trigram similarity of the titles (the function, or the indexed operators).
TRIGRAM = re.compile(r"word_similarity\(|similarity\(|<%|%>|<<%|%>>")
LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) (\w+) \[(\d+)\] (\S*)@(\S*) (\w+):  (.*)$")


def read_statements(log_path, database):
    """The statements PostgreSQL logged (log_min_duration_statement) for this database: end time, ms, SQL, parameters."""
    if not os.path.exists(log_path):
        return []
    entries, current, last = [], None, {}
    with open(log_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = LINE.match(line.rstrip("\n"))
            if not m:
                if current is not None and line.startswith("\t"):
                    current["sql"] += "\n" + line.rstrip("\n")[1:]
                else:
                    current = None
                continue
            current = None
            when, _, pid, _, db, level, text = m.groups()
            if db != database:
                continue
            if level == "LOG":
                d = re.match(r"duration: ([\d.]+) ms  (?:execute [^:]*|statement): (.*)", text)
                if d:
                    end = datetime.strptime(when, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=timezone.utc).timestamp()
                    current = {"end": end, "ms": float(d.group(1)), "sql": d.group(2), "params": "", "pid": pid}
                    entries.append(current)
                    last[pid] = current
            elif level == "DETAIL" and pid in last and text.startswith("parameters: "):
                last.pop(pid)["params"] = text[len("parameters: "):]
    return entries


def substitute(sql, params):
    """The statement with its parameters written in (as PostgreSQL plans an unnamed statement: with the values)."""
    values = dict(re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", params))
    return re.sub(r"\$(\d+)\b", lambda m: values.get(m.group(1), m.group(0)), sql)


def explain(connection, sql):
    parts = dict(p.split("=", 1) for p in connection.split(";") if "=" in p)
    env = {**os.environ, "PGPASSWORD": parts.get("Password", "")}
    base = ["psql", "-X", "-q", "-h", parts.get("Host", "127.0.0.1"), "-p", parts.get("Port", "5432"), "-U", parts.get("Username", "postgres"),
            "-d", parts["Database"], "-At"]
    limit = int(os.environ.get("BENCH_EXPLAIN_TIMEOUT", "120"))
    for options, note in [("ANALYZE, BUFFERS", ""), ("", f"(EXPLAIN ANALYZE took longer than {limit} s: the plan without running it)")]:
        script = f"SET statement_timeout = '{limit}s';\nEXPLAIN ({options + ', ' if options else ''}COSTS) {sql};\n"
        run = subprocess.run(base + ["-v", "ON_ERROR_STOP=1"], input=script, capture_output=True, text=True, env=env)
        if run.returncode == 0:
            return (note + "\n" if note else "") + run.stdout
        if "statement timeout" not in run.stderr:
            return "EXPLAIN failed: " + run.stderr.strip()
    return "EXPLAIN failed"


NODE = re.compile(r"^(\s*)(?:->  )?(.+?)  \(cost=[^)]*\)(?: \(actual time=([\d.]+)\.\.([\d.]+) rows=(\d+) loops=(\d+)\))?")


def plan_summary(plan):
    """The plan's story in a few lines: the top node and the execution time, each scan (rows, time, what it filtered),
    sorts and hashes that went to disk, and nodes repeated thousands of times."""
    lines = plan.rstrip().splitlines()
    total = next((float(m.group(1)) for m in (re.search(r"Execution Time: ([\d.]+)", l) for l in lines) if m), 0.0)
    out, in_scan = [], False
    for i, line in enumerate(lines):
        m = NODE.match(line)
        if m:
            indent, node, _, end, rows, loops = m.groups()
            spent = float(end) * int(loops) if end else 0.0
            # A scan is shown when it costs something (1 ms and 5 % of the statement), or when it is repeated thousands of times.
            in_scan = "Scan" in node and (end is None or (spent >= 1.0 and spent >= 0.05 * total) or int(loops) >= 1000)
            timing = f" rows={rows} loops={loops} {spent:,.1f} ms" if end else ""
            if i == 0 or in_scan or (loops and int(loops) >= 1000):
                out.append(f"{indent}{node}{timing}")
            continue
        text = line.strip()
        if text.startswith("Planning"):
            in_scan = False
        if in_scan and re.match(r"(Filter|Index Cond|Recheck Cond|Rows Removed by Filter|Heap Fetches|Buffers):", text):
            out.append(line.rstrip()[:200] + ("…" if len(line.rstrip()) > 200 else ""))
        elif re.search(r"(Disk|external|Batches: [2-9]|Batches: \d\d)", text) or text.startswith(("Execution Time", "Planning Time", "EXPLAIN", "(EXPLAIN")):
            out.append(line.rstrip()[:200])
    return "\n".join(out)


def table(rows, header):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def summarise(results):
    ok = [r for r in results if r["status"] == 200]
    ms = [r["ms"] for r in results if not r["timeout"]]
    statements = [r["statements"] for r in ok if r["statements"] is not None]
    return {"n": len(results), "p50": pct(ms, 50), "p90": pct(ms, 90), "p99": pct(ms, 99), "max": max(ms, default=None),
            "st_med": statistics.median(statements) if statements else None, "st_max": max(statements, default=None),
            "errors": sum(1 for r in results if r["status"] != 200 and not r["timeout"]), "timeouts": sum(1 for r in results if r["timeout"]),
            "db": pct([r["db_ms"] for r in results if "db_ms" in r], 50)}


def median_of(figures, key):
    values = [f[key] for f in figures if f[key] is not None]
    return statistics.median(values) if values else None


def command_report(connection, dirs):
    database = dict(p.split("=", 1) for p in connection.split(";") if "=" in p)["Database"]
    passes = []
    for d in dirs:
        data = json.load(open(os.path.join(d, "results.json")))
        data["dir"] = d
        passes.append(data)
    # Time each question spent in PostgreSQL: its statements logged (slower than BENCH_LOG_MS) while it was asked.
    logs = {}
    for p in passes:
        log = os.path.join(p["dir"], "postgres.log")
        if p["meta"]["clients"] <= 1 and os.path.exists(log):
            logs[log] = sorted(read_statements(log, database), key=lambda e: e["end"])
            ends = [e["end"] for e in logs[log]]
            for r in p["results"]:
                lo, hi = bisect.bisect_left(ends, r["start"] - 0.002), bisect.bisect_right(ends, r["end"] + 0.002)
                r["db_ms"] = sum(e["ms"] for e in logs[log][lo:hi])
                r["fallback"] = any(TRIGRAM.search(e["sql"]) for e in logs[log][lo:hi])
    sequential = [p for p in passes if p["meta"]["clients"] <= 1]
    concurrent = [p for p in passes if p["meta"]["clients"] > 1]
    runs = len(sequential)
    print(f"### Each question once, one at a time (median of {runs} run{'s' if runs != 1 else ''}; times in ms)\n")
    rows = []
    for kind in KINDS + ["all"]:
        figures = [summarise([r for r in p["results"] if kind == "all" or r["kind"] == kind]) for p in sequential]
        if not figures or figures[0]["n"] == 0:
            continue
        rows.append([KIND_NAMES.get(kind, "**all questions**"), figures[0]["n"], fmt(median_of(figures, "p50")), fmt(median_of(figures, "p90")),
                     fmt(median_of(figures, "p99")), fmt(median_of(figures, "max")), fmt(median_of(figures, "st_med")), fmt(median_of(figures, "st_max")),
                     fmt(median_of(figures, "db")), sum(f["errors"] for f in figures), sum(f["timeouts"] for f in figures)])
    print(table(rows, ["kind", "questions", "p50", "p90", "p99", "max", "statements (median)", "statements (max)", "in PostgreSQL (median)",
                       "non-200 (all runs)", f"timeouts > {TIMEOUT:.0f} s (all runs)"]))

    print("\nCatalogue searches by kind of question (median of the runs' figures):\n")
    rows = []
    tags = sorted({r["tag"] for r in sequential[0]["results"] if r["kind"] == "search"}) if sequential else []
    def fallbacks(selected):
        known = [r for r in selected if "fallback" in r]
        return f"{sum(1 for r in known if r['fallback'])}" if known else "-"
    groups = [(tag, lambda r, tag=tag: r["tag"] == tag) for tag in tags]
    groups += [(f"any, {n} facet{'s' if n != 1 else ''}", lambda r, n=n: facets_of(r["path"]) == n) for n in range(4)]
    groups += [("**all searches**", lambda r: True)]
    for label, chosen in groups:
        figures = [summarise([r for r in p["results"] if r["kind"] == "search" and chosen(r)]) for p in sequential]
        if not figures or not figures[0]["n"]:
            continue
        rows.append([label, figures[0]["n"], fmt(median_of(figures, "p50")), fmt(median_of(figures, "p90")), fmt(median_of(figures, "max")),
                     fmt(median_of(figures, "st_med")), fmt(median_of(figures, "st_max")),
                     fallbacks([r for r in sequential[0]["results"] if r["kind"] == "search" and chosen(r)])])
    print(table(rows, ["search", "questions", "p50", "p90", "max", "statements (median)", "statements (max)", "took the typo fallback (run 1)"]))

    for p in concurrent:
        meta = p["meta"]
        print(f"\n### The same questions, {meta['clients']} clients at a time (a fresh portal; PostgreSQL has seen them once)\n")
        rows = []
        for kind in KINDS + ["all"]:
            f = summarise([r for r in p["results"] if kind == "all" or r["kind"] == kind])
            if f["n"]:
                rows.append([KIND_NAMES.get(kind, "**all questions**"), f["n"], fmt(f["p50"]), fmt(f["p90"]), fmt(f["p99"]), fmt(f["max"]), f["errors"], f["timeouts"]])
        print(table(rows, ["kind", "questions", "p50", "p90", "p99", "max", "non-200", "timeouts"]))
        print(f"\n{meta['questions']} questions in {meta['seconds']} s ({meta['questions'] / max(meta['seconds'], 0.001):.1f} questions/s).")

    print("\n### Load\n")
    for i, p in enumerate(passes):
        meta = p["meta"]
        label = f"run {i + 1}" if meta["clients"] <= 1 else f"{meta['clients']} clients"
        print(f"- {label}: loadavg before `{meta['loadavg_before']}`, after `{meta['loadavg_after']}`, highest 1-minute load seen between questions "
              f"{meta['load1_max']}; {meta['questions']} questions in {meta['seconds']} s.")
    baselines = [b for p in passes for b in p.get("baseline", [])]
    if baselines:
        print(f"- raw-Npgsql baseline (`/bench/baseline`, {len(baselines)} requests around the runs): median {statistics.median(baselines):.1f} ms.")

    # The slowest questions: by their median time over the sequential runs.
    if not sequential:
        return
    by_path = {}
    for p in sequential:
        for r in p["results"]:
            by_path.setdefault(r["path"], []).append((r, p))
    ranked = sorted(by_path.items(), key=lambda item: -statistics.median(r["ms"] for r, _ in item[1]))
    print("\nThe slowest question of each kind (median of the runs):\n")
    for kind in KINDS:
        mine = [item for item in ranked if item[1][0][0]["kind"] == kind]
        if mine:
            path, asked = mine[0]
            db = [r["db_ms"] for r, _ in asked if "db_ms" in r]
            print(f"- {KIND_NAMES[kind]}: `{unquote(path)}` ({asked[0][0]['tag']}), {fmt(statistics.median(r['ms'] for r, _ in asked))} ms"
                  + (f", {fmt(statistics.median(db))} ms of it in PostgreSQL" if db else ""))
    count = int(os.environ.get("BENCH_SLOWEST", "5"))
    chosen = ranked[:count]
    # The typo fallback is often all of the slowest: the slowest question that did not take it is explained too.
    other = next((item for item in ranked if not any(r.get("fallback") for r, _ in item[1])), None)
    if count and other is not None and other not in chosen:
        chosen.append(other)
    print(f"\n### The {count} slowest questions" + (", and the slowest without the typo fallback" if len(chosen) > count else "") + "\n")
    plans_file = os.path.join(os.path.dirname(dirs[0].rstrip("/")), "plans.txt")
    with open(plans_file, "w") as plans:
        for rank, (path, asked) in enumerate(chosen, 1):
            first, _ = asked[0]
            times = ", ".join(fmt(r["ms"]) for r, _ in asked)
            print(f"{rank}. **{first['kind']}** ({first['tag']}, {first['language']}) `{unquote(path)}`: {times} ms; "
                  f"{first['statements'] if first['statements'] is not None else '?'} statements; HTTP {first['status']}{' (timed out)' if first['timeout'] else ''}")
            # Its statements, from the PostgreSQL log of the run where it was slowest.
            r, p = max(asked, key=lambda a: a[0]["ms"])
            log = os.path.join(p["dir"], "postgres.log")
            mine = [s for s in logs.get(log, []) if r["start"] - 0.002 <= s["end"] <= r["end"] + 0.002]
            if not mine:
                print("   - no statement of it was logged (is BENCH_LOG_MS above its statements' times, or the PostgreSQL log unreadable?)\n")
                continue
            mine.sort(key=lambda s: -s["ms"])
            total = sum(s["ms"] for s in mine)
            print(f"   - {len(mine)} statements logged, {total:,.0f} ms in PostgreSQL; the slowest: "
                  + "; ".join(f"{s['ms']:,.0f} ms" for s in mine[:5]))
            slowest = mine[0]
            sql = substitute(slowest["sql"], slowest["params"])
            plan = explain(connection, sql)
            plans.write(f"=== {rank}. {first['kind']} {unquote(path)}\n--- slowest statement ({slowest['ms']:,.0f} ms in the run), parameters: {slowest['params']}\n"
                        f"{slowest['sql']}\n--- EXPLAIN (ANALYZE, BUFFERS), run again after the run:\n{plan}\n")
            print(f"   - its slowest statement: `{' '.join(slowest['sql'].split())[:160]}…`; its plan (EXPLAIN ANALYZE, BUFFERS, run again "
                  "after the run), the top node, every scan and what spilled:\n")
            print("```")
            print(plan_summary(plan))
            print("```\n")
    print(f"All plans with their statements: {plans_file}")


def main():
    command = sys.argv[1]
    if command == "warmup":
        command_warmup(sys.argv[2], sys.argv[3])
    elif command == "ask":
        command_ask(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    elif command == "baseline":
        base, out = sys.argv[2], sys.argv[3]
        times = [ask(base, {"kind": "page", "tag": "baseline", "language": "en", "path": "/bench/baseline"}, 10)["ms"] for _ in range(20)]
        path = os.path.join(out, "results.json")
        data = json.load(open(path))
        data["baseline"] = data.get("baseline", []) + times
        json.dump(data, open(path, "w"))
    elif command == "report":
        command_report(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
