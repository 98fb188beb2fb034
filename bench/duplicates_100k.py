"""Benchmark: duplicate victims found by our matcher and by Splink (DuckDB), on the same data.

    python bench/duplicates_100k.py [--persons N] [--seed S] [--no-splink] [--errors K]

Data: ``snhr_desktop.services.linkage_data.generate`` documents N people (default 100,000) in one
to three records each, with the truth (who each record is) and deliberate hard negatives
(siblings killed together, father and child, namesakes in other incidents). Both matchers get the
same records (and their incidents) in the same process, and are scored the same way:

* pairwise precision, recall and F1 over the pairs of records that end up in one cluster (an
  automatic merge), against the pairs of records of one person;
* over-merge rate: the share of clusters of two or more records that hold more than one person;
* the uncertain band: pairs left for a person to review, per 1,000 named records;
* hard negatives merged: pairs of siblings, of father and child, of namesakes in one cluster;
* run time (wall clock) from the records to the clusters: for ours ``match_records`` (parsing,
  blocking, scoring, clustering); for Splink the same parsing (its input table is built from
  ``matching.prepare``), then loading, training, prediction and clustering.

Splink is optional: without it (``pip install splink duckdb``; never a dependency of the app) the
script says so and runs ours alone.

Splink configuration (Splink 4/5 API, DuckDB backend), meant to be fair to it:

* input: one row per named record with what our parser gives, so both see the same Arabic and
  Latin normalisation: first, father's, grandfather's, family and mother's name as Arabic keys
  (``normalise_arabic``; family without its article), Latin keys (``normalise_latin``) and
  cross-script consonant skeletons; day of death (a day number), month of death (also from an
  incident known only to the month), age, sex, governorate, place (resolved P-code line) and
  incident;
* comparisons: first, father's and family name each with the levels exact Arabic key and exact
  Latin key (both term-frequency adjusted), exact skeleton, Jaro-Winkler ≥ 0.92, ≥ 0.85 (Arabic
  key, else Latin), else; grandfather and mother exact/else; day exact, ≤ 1, 2, 3, 7, 30 days,
  else; month (only when a day is missing) exact, ≤ 1, else; age exact, ≤ 1, ≤ 5 years, else;
  sex, governorate, place and incident exact/else;
* blocking rules for prediction, the same reach as ours: (first, family), (father, family) and
  (first, father) skeletons with the same day or one to three days apart; (first, father,
  family) skeletons; (first, family) skeletons in the same governorate;
* training: the prior from a deterministic rule (same name skeletons and day, recall 0.7); u by
  random sampling of 5 million pairs; m by expectation maximisation on three blocking rules
  (day + family; first + father + day; first + father + family) so that every comparison is
  estimated at least once;
* decisions at the same match weights as ours: prediction from weight −2 (the review band),
  connected-component clusters from weight 5; and, for reference, Splink's best pairwise F1 at
  any threshold on this very data (an oracle no user would have).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Iterable
from itertools import combinations
from typing import Any

from common import peak_rss_mib

from snhr_desktop.services import matching
from snhr_desktop.services.linkage_data import LinkageData, generate

TARGETS = "F1 >= 0.95, precision >= 0.98, over-merge < 0.5 %, time < 60 s"
# Splink's thresholds, as probabilities: its review band and its automatic merges start at the
# same match weights as ours.
SPLINK_REVIEW = 1 / (1 + 2 ** -matching.REVIEW_WEIGHT)
SPLINK_MATCH = 1 / (1 + 2 ** -matching.MATCH_WEIGHT)


# -- scoring a clustering against the truth -------------------------------------------------------


def cluster_pairs(clusters: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for ids in clusters:
        pairs.update(combinations(sorted(ids), 2))
    return pairs


def evaluate(name: str, clusters: list[list[str]], data: LinkageData, review_pairs: int,
             records: int, seconds: float) -> dict[str, Any]:
    truth = data.true_pairs()
    predicted = cluster_pairs(clusters)
    hits = len(predicted & truth)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    multi = [c for c in clusters if len(c) > 1]
    over = sum(1 for c in multi if len({data.person_of[i] for i in c}) > 1)
    over_rate = over / len(multi) if multi else 0.0
    merged = {kind: len(predicted & data.related_pairs(kind))
              for kind in ("siblings", "father_child", "namesake")}
    result = {
        "name": name, "precision": precision, "recall": recall, "f1": f1,
        "over_merge": over_rate, "clusters": len(multi), "over_clusters": over,
        "review_per_1000": 1000 * review_pairs / records, "seconds": seconds,
        "merged": merged, "predicted": len(predicted), "true": len(truth),
    }
    print(
        f"{name}: precision {precision:.4f}, recall {recall:.4f}, F1 {f1:.4f}; "
        f"over-merge {100 * over_rate:.2f} % ({over} of {len(multi)} clusters); "
        f"review band {result['review_per_1000']:.1f} pairs per 1,000 records; "
        f"time {seconds:.1f} s"
    )
    print(f"  hard negatives merged: siblings {merged['siblings']}, father/child "
          f"{merged['father_child']}, namesakes {merged['namesake']} "
          f"(of {len(data.related_pairs('siblings'))}, {len(data.related_pairs('father_child'))}, "
          f"{len(data.related_pairs('namesake'))} such pairs)")
    return result


# -- ours -----------------------------------------------------------------------------------------


def run_ours(data: LinkageData) -> tuple[matching.DuplicateReport, float]:
    started = time.perf_counter()
    report = matching.match_records(data.victims, incidents=data.incidents)
    return report, time.perf_counter() - started


def show_errors(report: matching.DuplicateReport, data: LinkageData, count: int) -> None:
    """Some wrongly merged and some missed pairs, with their reasons (for tuning)."""
    by_id = {v["id"]: v for v in data.victims}
    truth = data.true_pairs()
    predicted = cluster_pairs(c.ids for c in report.clusters)
    scored = {(min(p.left, p.right), max(p.left, p.right)): p for p in report.pairs}
    incidents = {i["id"]: i for i in data.incidents}
    prepared = {v["id"]: matching.prepare(v, incidents.get(v["incident_id"]))
                for v in data.victims}

    def show(pair: tuple[str, str]) -> None:
        left, right = prepared[pair[0]], prepared[pair[1]]
        if left is None or right is None:
            print("   (a record without a name)")
            return
        found = report.explained(scored[pair]) if pair in scored else matching.ScoredPair(
            left.id, right.id, *report.scorer.score(left, right, explain=True)[:2])
        for r in (by_id[i] for i in pair):
            print(f"   {r['name_ar']!s:30} | {r['name_en']!s:34} | {r['father_name']!s:10} | "
                  f"{r['family_name']!s:10} | {r['date_of_death']} {r['age']} {r['sex']} "
                  f"{r['governorate']} {r['place_ar']}")
        note = "" if pair in scored else " (not kept: no candidate, or below the review band)"
        print(f"   weight {found.weight:.1f}{note}: " + "; ".join(found.explain("en")))

    wrong = sorted(predicted - truth)
    print(f"\n-- {len(wrong)} wrongly merged pairs (showing {min(count, len(wrong))})")
    for pair in wrong[:count]:
        show(pair)
    missed = sorted(truth - predicted)
    print(f"\n-- {len(missed)} missed pairs (showing {min(count, len(missed))})")
    for pair in missed[:count]:
        show(pair)


# -- Splink ---------------------------------------------------------------------------------------


def splink_rows(data: LinkageData) -> list[dict[str, Any]]:
    """Splink's input: one row per named record, with our parsed and normalised name parts."""
    incidents = {i["id"]: i for i in data.incidents}
    rows = []
    for victim in data.victims:
        prepared = matching.prepare(victim, incidents.get(victim["incident_id"]))
        if prepared is None:
            continue
        ar, la, sk = prepared.ar, prepared.la, prepared.skeleton
        row: dict[str, Any] = {"unique_id": prepared.id}
        for part in ("first", "father", "grandfather", "family", "mother"):
            row[f"{part}_ar"] = getattr(ar, part) if ar else None
            row[f"{part}_la"] = getattr(la, part) if la else None
            row[f"{part}_sk"] = getattr(sk, part)
            row[f"{part}_key"] = row[f"{part}_ar"] or row[f"{part}_la"]
        row["day"] = prepared.day
        # Month of death: from the date, or from an incident known only to the month.
        known = prepared.day if prepared.day is not None else (
            prepared.period[0] if prepared.period and prepared.period[1] - prepared.period[0] < 32
            else None)
        row["month"] = None if known is None else (
            dt.date.fromordinal(known).year * 12 + dt.date.fromordinal(known).month)
        row["age"] = prepared.age
        row["sex"] = None if prepared.sex == "unknown" else prepared.sex
        row["governorate"] = prepared.governorate
        row["place"] = "/".join(prepared.place) if prepared.place else None
        row["incident_id"] = prepared.incident
        rows.append(row)
    return rows


def run_splink(data: LinkageData) -> tuple[list[list[str]], int, float, float] | None:
    """Splink (DuckDB) on the same records: None when Splink is not installed."""
    try:
        import duckdb
        import pyarrow as pa
        import splink.comparison_level_library as cll
        import splink.comparison_library as cl
        from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    except ImportError:
        return None
    import logging

    started = time.perf_counter()
    table = pa.Table.from_pylist(splink_rows(data))
    con = duckdb.connect()
    db_api = DuckDBAPI(connection=con)
    victims = db_api.register(table, table_name="victims")

    def name(part: str) -> Any:
        return cl.CustomComparison(
            output_column_name=part,
            comparison_levels=[
                cll.NullLevel(f"{part}_sk"),
                cll.ExactMatchLevel(f"{part}_ar").configure(tf_adjustment_column=f"{part}_ar"),
                cll.ExactMatchLevel(f"{part}_la").configure(tf_adjustment_column=f"{part}_la"),
                cll.ExactMatchLevel(f"{part}_sk"),
                cll.JaroWinklerLevel(f"{part}_key", 0.92),
                cll.JaroWinklerLevel(f"{part}_key", 0.85),
                cll.ElseLevel(),
            ],
        )

    def within(column: str, limits: tuple[int, ...], unit: str) -> Any:
        levels = [cll.NullLevel(column), cll.ExactMatchLevel(column)]
        levels += [
            cll.CustomLevel(f'abs("{column}_l" - "{column}_r") <= {limit}',
                            label_for_charts=f"within {limit} {unit}")
            for limit in limits
        ]
        return cl.CustomComparison(output_column_name=column,
                                   comparison_levels=[*levels, cll.ElseLevel()])

    def month_when_undated() -> Any:
        # The month says something only when a day is missing (else the day says it all).
        return cl.CustomComparison(output_column_name="month", comparison_levels=[
            cll.CustomLevel('("day_l" IS NOT NULL AND "day_r" IS NOT NULL) OR "month_l" IS NULL '
                            'OR "month_r" IS NULL').configure(is_null_level=True),
            cll.ExactMatchLevel("month"),
            cll.CustomLevel('abs("month_l" - "month_r") <= 1', label_for_charts="within 1 month"),
            cll.ElseLevel(),
        ])

    # Blocking: the same reach as ours (two name parts and the date within three days).
    windows: list[Any] = []
    for left, right in (("first_sk", "family_sk"), ("father_sk", "family_sk"),
                        ("first_sk", "father_sk")):
        windows.append(block_on(left, right, "day"))
        windows += [f"l.{left} = r.{left} AND l.{right} = r.{right} AND l.day + {days} = r.day"
                    for days in (1, 2, 3)]
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            name("first"), name("father"), name("family"),
            cl.ExactMatch("grandfather_key"), cl.ExactMatch("mother_key"),
            within("day", (1, 2, 3, 7, 30), "days"),
            month_when_undated(),
            within("age", (1, 5), "years"),
            cl.ExactMatch("sex"), cl.ExactMatch("governorate"), cl.ExactMatch("place"),
            cl.ExactMatch("incident_id"),
        ],
        blocking_rules_to_generate_predictions=[
            *windows,
            block_on("first_sk", "father_sk", "family_sk"),
            block_on("first_sk", "family_sk", "governorate"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    linker = Linker(victims, settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_sk", "father_sk", "family_sk", "day")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("day", "family_sk"), estimate_without_term_frequencies=True
    )
    for rule in (block_on("first_sk", "father_sk", "day"),
                 block_on("first_sk", "father_sk", "family_sk")):
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    predictions = linker.inference.predict(threshold_match_probability=SPLINK_REVIEW)
    clusters_table = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=SPLINK_MATCH
    )
    clustered = con.execute(
        f"SELECT cluster_id, list(unique_id) FROM {clusters_table.physical_name} "
        "GROUP BY cluster_id"
    ).fetchall()
    seconds = time.perf_counter() - started
    probabilities = con.execute(
        f"SELECT unique_id_l, unique_id_r, match_probability FROM {predictions.physical_name}"
    ).fetchall()
    review = sum(1 for _, _, p in probabilities if p < SPLINK_MATCH)
    return [list(ids) for _, ids in clustered], review, seconds, best_threshold_f1(
        probabilities, data)


def best_threshold_f1(probabilities: list[tuple[str, str, float]], data: LinkageData) -> float:
    """Splink's best pairwise F1 over thresholds on its scored pairs (an oracle)."""
    truth = data.true_pairs()
    scored = sorted(((p, (min(a, b), max(a, b))) for a, b, p in probabilities), reverse=True)
    hits = 0
    best = 0.0
    for rank, (_, pair) in enumerate(scored, 1):
        hits += pair in truth
        precision, recall = hits / rank, hits / len(truth)
        if precision + recall:
            best = max(best, 2 * precision * recall / (precision + recall))
    return best


# -- main -----------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-splink", action="store_true", help="run ours alone")
    parser.add_argument("--errors", type=int, default=0, help="show K wrong and K missed pairs")
    args = parser.parse_args()

    data, seconds = _timed_generate(args.persons, args.seed)
    named = sum(1 for v in data.victims if matching.prepare(v) is not None)
    print(f"data: {len(data.victims):,} records of {len(data.records_of()):,} people "
          f"({named:,} named), {len(data.true_pairs()):,} true pairs; seed {args.seed}; "
          f"generated in {seconds:.1f} s")

    report, ours_seconds = run_ours(data)
    ours = evaluate("ours", [list(c.ids) for c in report.clusters], data, len(report.review),
                    report.records, ours_seconds)
    print(f"  {report.compared:,} candidate pairs scored, {len(report.pairs):,} kept")
    if args.errors:
        show_errors(report, data, args.errors)

    if args.no_splink:
        print("Splink not run (--no-splink)")
    else:
        result = run_splink(data)
        if result is None:
            print("Splink is not installed (pip install splink duckdb): ours alone")
        else:
            clusters, review, splink_seconds, best = result
            theirs = evaluate("splink", clusters, data, review, named, splink_seconds)
            print(f"  splink's best pairwise F1 at any threshold (oracle): {best:.4f}")
            print(f"duplicates_100k: ours {ours_seconds:.1f} s F1 {ours['f1']:.4f}, "
                  f"splink {splink_seconds:.1f} s F1 {theirs['f1']:.4f}, "
                  f"time ratio {ours_seconds / splink_seconds:.2f}")
    met = (ours["f1"] >= 0.95 and ours["precision"] >= 0.98 and ours["over_merge"] < 0.005
           and ours_seconds < 60)
    print(f"targets ({TARGETS}): {'met' if met else 'NOT met'}; peak RSS {peak_rss_mib():.0f} MiB")
    return 0


def _timed_generate(persons: int, seed: int) -> tuple[LinkageData, float]:
    started = time.perf_counter()
    data = generate(persons, seed)
    return data, time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
