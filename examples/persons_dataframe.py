"""The Python API in a few lines: compile the bundled filing, look at its tables as DataFrames.

Run from the root of a clone, after ``pip install -e '.[pandas]'``::

    python examples/persons_dataframe.py

(tests/end_to_end/test_api.py runs it, so it keeps working.)
"""

from pathlib import Path

from compiler import compile_path

HERE = Path(__file__).resolve().parent

filing = compile_path(HERE / "seed-8x8-13da.txt")
print(repr(filing))

tables = filing.tables()  # six typed pandas DataFrames, the database's columns
persons = tables["persons"]
print(persons[["name", "citizenship", "aggregate_amount", "percent_of_class"]])

# Typed columns: share counts are nullable integers, dates are dates, so arithmetic just works.
trades = tables["transactions"]
sales = trades[trades["date"] >= "2003-12-24"]
print(f"{len(sales)} trades after the event date, {sales['shares'].sum():,} shares")
print(f"proceeds: ${(sales['shares'] * sales['price']).sum():,.2f}")

# The JSON document as Python values, and the diagnostics.
document = filing.to_dict()
print(document["form"], document["issuer"]["name"], document["security"]["cusips"])
print(tables["diagnostics"][["severity", "code", "message"]].to_string(index=False))
