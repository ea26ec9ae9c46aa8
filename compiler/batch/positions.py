"""Ownership over time: the ``positions`` view, each reporting person's filings as a chain.

A Schedule 13D or 13G is rarely read alone: a holder files an original, then amendment after
amendment, sometimes switching between the passive 13G and the active 13D. The view puts one row
per reporting person per filing and links each row to the same holder's previous filing on the
same issuer, with the change in shares and percent and the days between.

It is a view over ``filings`` and ``reporting_persons`` rather than a table written by the batch,
so that it is always the chain of what the database holds *now*: a batch that appends an
amendment filed years earlier, or fills a gap, changes the links without anything being rewritten.
For the same reason a skipped or repeated amendment number is a column (``amendment_issue``), not
a ``diagnostics`` row: a gap is a fact about the database (the missing amendment may arrive in the
next batch), not about the filing, and the ``diagnostics`` table holds what compiling a filing
found, which never changes once loaded.

**Linking.** A row's chain is its holder and issuer:

* ``cik``: both filings' EDGAR headers give the subject-company CIK and the filer CIK, and the
  person's normalized name is the same (a filer's filing lists several persons). The issuer's
  CUSIP may differ (a misprint, a reorganized issuer) and the chain still holds.
* ``name_cusip``: otherwise (a filing without its EDGAR header), the normalized reporting-person
  name and the issuer CUSIP. Such a filing joins a ``cik`` chain when the database maps its CUSIP
  to exactly one subject-company CIK and that holder and issuer to exactly one filer CIK.

The normalized name is upper case, ``&`` read as AND, ``.`` and quotes dropped (``N.V.`` = ``NV``)
and every other run of non-alphanumerics one space (``Co.,Ltd`` = ``CO LTD``). Within a chain,
filings are ordered by event date (the filing date when the event date is missing), then filing
date, amendment number and key. Amendment numbers are checked per schedule (a 13D after a 13G
starts again at the original; a return to 13G continues the 13G's numbers), an original counting as
0: ``gap`` (No. 3 follows No. 1 of the chain), ``earlier_missing`` (the schedule's first filing in
the chain is already an amendment: its predecessors are not in the database, common in a sample of
the archive, so kept apart from a gap), ``repeat`` (a number the chain already has: a duplicate
filing or a misnumbered amendment) and ``out_of_order`` (lower than one before it in date order: a
misnumbered amendment or a wrong event date).

``NULL`` ("not reported") stays apart from 0 everywhere: a change is NULL when either side is,
and ``change_kind`` says ``not_reported`` rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

VIEW = "positions"


@dataclass(frozen=True, slots=True)
class ViewColumn:
    name: str
    sql_type: str
    doc: str


def _v(name: str, sql_type: str, doc: str) -> ViewColumn:
    return ViewColumn(name, sql_type, doc)


# The columns of the view in order, with their meaning (the README's schema; a test checks the
# view has exactly these).
COLUMNS: tuple[ViewColumn, ...] = (
    _v("filing_key", "VARCHAR", "joins filings.filing_key"),
    _v("person_index", "INTEGER", "joins reporting_persons.person_index"),
    _v("accession_number", "VARCHAR", "EDGAR accession number"),
    _v("chain_key", "VARCHAR", "the chain: cik:FILER/ISSUER/NAME or cusip:CUSIP/NAME"),
    _v("chain_position", "BIGINT", "1, 2, ... in the chain's order"),
    _v("holder_name", "VARCHAR", "row 1, as written"),
    _v("holder_key", "VARCHAR", "row 1, normalized (the name part of chain_key)"),
    _v("filer_cik", "VARCHAR", "filed-by CIK, from the EDGAR header"),
    _v("issuer_name", "VARCHAR", "name of issuer, from the title page"),
    _v("issuer_cik", "VARCHAR", "subject company CIK, from the EDGAR header"),
    _v("cusip", "VARCHAR", "the title page's first CUSIP, else the cover page's"),
    _v("schedule", "VARCHAR", "13D or 13G"),
    _v("form", "VARCHAR", "SC 13D, SC 13D/A, SC 13G or SC 13G/A"),
    _v("amendment_number", "INTEGER", "NULL for an original filing"),
    _v("event_date", "DATE", "date of the event which requires filing"),
    _v("filed_date", "DATE", "FILED AS OF DATE, from the EDGAR header"),
    _v("sole_voting_power", "BIGINT", "row 7"),
    _v("shared_voting_power", "BIGINT", "row 8"),
    _v("sole_dispositive_power", "BIGINT", "row 9"),
    _v("shared_dispositive_power", "BIGINT", "row 10"),
    _v("shares", "BIGINT", "row 11, aggregate amount beneficially owned"),
    _v("percent", "DECIMAL(9,4)", "row 13, percent of class"),
    _v("link_method", "VARCHAR", "cik | name_cusip; NULL for a chain's first filing"),
    _v("previous_filing_key", "VARCHAR", "the same holder's previous filing in the chain"),
    _v("previous_accession_number", "VARCHAR", ""),
    _v("previous_form", "VARCHAR", ""),
    _v("previous_amendment_number", "INTEGER", ""),
    _v("previous_event_date", "DATE", ""),
    _v("previous_shares", "BIGINT", "row 11 of the previous filing"),
    _v("previous_percent", "DECIMAL(9,4)", "row 13 of the previous filing"),
    _v("shares_change", "BIGINT", "shares - previous_shares; NULL if either is NULL"),
    _v("percent_change", "DECIMAL(10,4)", "percent - previous_percent; NULL if either is"),
    _v("days_since_previous", "BIGINT", "days between the two event (else filing) dates"),
    _v(
        "change_kind",
        "VARCHAR",
        "first | increase | decrease | unchanged | exit | not_reported",
    ),
    _v("form_switch", "VARCHAR", "13G->13D or 13D->13G; NULL when the same"),
    _v(
        "amendment_issue",
        "VARCHAR",
        "gap | earlier_missing | repeat | out_of_order; NULL",
    ),
    _v("amendments_missing", "INTEGER", "gap, earlier_missing: how many numbers are not there"),
)

# DuckDB's regexp_replace takes the 'g' option for every match; names are compared upper case.
_HOLDER_KEY = (
    "nullif(trim(regexp_replace(regexp_replace(upper(replace(p.name, '&', ' AND ')), "
    "'[.''`\"]', '', 'g'), '[^A-Z0-9]+', ' ', 'g')), '')"
)

# The rows with their chain (through ``keyed``), then the links within each chain (``chained``
# over ``{source}``): a query about a few chains can keep only their rows before the windows.
_KEYED_SQL = f"""
WITH base AS (
    SELECT f.filing_key, p.person_index, f.accession_number,
           p.name AS holder_name, {_HOLDER_KEY} AS holder_key,
           f.filer_cik, f.issuer_name, f.issuer_cik,
           coalesce(f.cusip, split_part(p.cover_cusips, ' ', 1)) AS cusip,
           CASE WHEN f.form LIKE '%13D%' THEN '13D' WHEN f.form LIKE '%13G%' THEN '13G' END
               AS schedule,
           f.form, f.amendment_number, f.event_date, f.filed_date,
           p.sole_voting_power, p.shared_voting_power, p.sole_dispositive_power,
           p.shared_dispositive_power, p.aggregate_amount AS shares,
           p.percent_of_class AS percent,
           coalesce(f.event_date, f.filed_date) AS position_date
    FROM filings f JOIN reporting_persons p USING (filing_key)
    WHERE f.status <> 'failed'
),
-- A CUSIP that the EDGAR headers tie to exactly one subject company, and a holder of an issuer
-- that they tie to exactly one filer: how a filing without a header joins a CIK chain.
cusip_issuer AS (
    SELECT cusip, min(issuer_cik) AS cik FROM base
    WHERE cusip IS NOT NULL AND issuer_cik IS NOT NULL
    GROUP BY cusip HAVING count(DISTINCT issuer_cik) = 1
),
keyed_issuer AS (
    SELECT b.*, coalesce(b.issuer_cik, ci.cik) AS issuer_id
    FROM base b LEFT JOIN cusip_issuer ci USING (cusip)
),
holder_filer AS (
    SELECT issuer_id, holder_key, min(filer_cik) AS cik FROM keyed_issuer
    WHERE filer_cik IS NOT NULL AND issuer_id IS NOT NULL AND holder_key IS NOT NULL
    GROUP BY issuer_id, holder_key HAVING count(DISTINCT filer_cik) = 1
),
keyed AS (
    SELECT k.*,
           k.filer_cik IS NOT NULL AND k.issuer_cik IS NOT NULL AS own_ciks,
           CASE
               WHEN k.holder_key IS NULL THEN 'unnamed:' || k.filing_key || '/' || k.person_index
               WHEN coalesce(k.filer_cik, hf.cik) IS NOT NULL AND k.issuer_id IS NOT NULL
                   THEN 'cik:' || coalesce(k.filer_cik, hf.cik) || '/' || k.issuer_id
                        || '/' || k.holder_key
               WHEN k.cusip IS NOT NULL THEN 'cusip:' || k.cusip || '/' || k.holder_key
               ELSE 'unlinked:' || k.filing_key || '/' || k.person_index
           END AS chain_key
    FROM keyed_issuer k
    LEFT JOIN holder_filer hf ON hf.issuer_id = k.issuer_id AND hf.holder_key = k.holder_key
)"""

_CHAINED_SQL = """,
chained AS (
    SELECT *,
           row_number() OVER chain AS chain_position,
           lag(filing_key) OVER chain AS previous_filing_key,
           lag(accession_number) OVER chain AS previous_accession_number,
           lag(form) OVER chain AS previous_form,
           lag(schedule) OVER chain AS previous_schedule,
           lag(amendment_number) OVER chain AS previous_amendment_number,
           lag(event_date) OVER chain AS previous_event_date,
           lag(position_date) OVER chain AS previous_position_date,
           lag(shares) OVER chain AS previous_shares,
           lag(percent) OVER chain AS previous_percent,
           lag(own_ciks) OVER chain AS previous_own_ciks,
           -- Amendment numbers run per schedule (an original counts as 0).
           max(coalesce(amendment_number, 0)) OVER (
               PARTITION BY chain_key, schedule ORDER BY position_date NULLS LAST,
                   filed_date NULLS LAST, coalesce(amendment_number, 0), filing_key, person_index
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
           ) AS highest_amendment_before,
           count(*) OVER (
               PARTITION BY chain_key, schedule, coalesce(amendment_number, 0)
               ORDER BY position_date NULLS LAST, filed_date NULLS LAST, filing_key, person_index
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
           ) AS same_amendment_before
    FROM {source}
    WINDOW chain AS (
        PARTITION BY chain_key ORDER BY position_date NULLS LAST, filed_date NULLS LAST,
            coalesce(amendment_number, 0), filing_key, person_index
    )
)
SELECT filing_key, person_index, accession_number, chain_key, chain_position,
       holder_name, holder_key, filer_cik, issuer_name, issuer_cik, cusip, schedule, form,
       amendment_number, event_date, filed_date,
       sole_voting_power, shared_voting_power, sole_dispositive_power,
       shared_dispositive_power, shares, percent,
       CASE WHEN previous_filing_key IS NULL THEN NULL
            WHEN own_ciks AND previous_own_ciks THEN 'cik'
            ELSE 'name_cusip' END AS link_method,
       previous_filing_key, previous_accession_number, previous_form,
       previous_amendment_number, previous_event_date, previous_shares, previous_percent,
       shares - previous_shares AS shares_change,
       CAST(percent - previous_percent AS DECIMAL(10,4)) AS percent_change,
       date_diff('day', previous_position_date, position_date) AS days_since_previous,
       CASE WHEN previous_filing_key IS NULL THEN 'first'
            WHEN shares IS NULL OR previous_shares IS NULL THEN 'not_reported'
            WHEN shares = 0 AND previous_shares > 0 THEN 'exit'
            WHEN shares > previous_shares THEN 'increase'
            WHEN shares < previous_shares THEN 'decrease'
            ELSE 'unchanged' END AS change_kind,
       CASE WHEN previous_schedule <> schedule
            THEN previous_schedule || '->' || schedule END AS form_switch,
       CASE WHEN same_amendment_before > 0 THEN 'repeat'
            WHEN highest_amendment_before IS NULL AND coalesce(amendment_number, 0) > 0
                THEN 'earlier_missing'
            WHEN coalesce(amendment_number, 0) > highest_amendment_before + 1 THEN 'gap'
            WHEN coalesce(amendment_number, 0) < highest_amendment_before THEN 'out_of_order'
            END AS amendment_issue,
       CASE WHEN same_amendment_before = 0
                 AND coalesce(amendment_number, 0) > coalesce(highest_amendment_before, -1) + 1
            THEN CAST(coalesce(amendment_number, 0) - coalesce(highest_amendment_before, -1) - 1
                      AS INTEGER) END AS amendments_missing
FROM chained
"""

SELECT_SQL = _KEYED_SQL + _CHAINED_SQL.format(source="keyed")


def select_chains_sql(condition: str) -> str:
    """The view's rows for the chains with at least one row where ``condition`` holds (SQL over
    the view's identity columns: cusip, issuer_name, holder_name, holder_key...). The same rows
    as filtering the view by chain, computed for those chains only: windows never cross chains.
    """
    matching = (
        ",\nmatching AS (SELECT * FROM keyed WHERE chain_key IN "
        f"(SELECT chain_key FROM keyed WHERE {condition}))"
    )
    return _KEYED_SQL + matching + _CHAINED_SQL.format(source="matching")


def create_view_sql() -> str:
    return f"CREATE OR REPLACE VIEW {VIEW} AS {SELECT_SQL}"


def create_view(connection: Any) -> None:
    """(Re)define the view: a newer 13dc replaces an older definition in an existing database."""
    connection.execute(create_view_sql())


def documented_view() -> str:
    """The view's columns with their meaning, as SQL comments (the README's schema)."""
    width = max(len(f"{c.name} {c.sql_type},") for c in COLUMNS) + 4
    out = ["-- one row per reporting person per filing, linked to the holder's previous filing"]
    out.append(f"CREATE VIEW {VIEW} AS SELECT")
    for index, column in enumerate(COLUMNS):
        comma = "," if index < len(COLUMNS) - 1 else ""
        line = f"    {column.name} {column.sql_type}{comma}"
        out.append(f"{line:<{width}}  -- {column.doc}" if column.doc else line)
    out.append("FROM filings JOIN reporting_persons ...;")
    return "\n".join(out) + "\n"


__all__ = [
    "COLUMNS",
    "SELECT_SQL",
    "VIEW",
    "create_view",
    "create_view_sql",
    "documented_view",
    "select_chains_sql",
]
