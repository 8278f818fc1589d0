"""Reads a milmed workbook with openpyxl and compares it with the CSV tables.

Usage: xlsx_read.py WORKBOOK CSV_DIR MAX_DATA_ROWS

For every table (patients, conditions, treatments, events, vitals) the sheets `name`,
`name (2)` … are read in order; each must start with the CSV header and hold at most
MAX_DATA_ROWS data rows; together their rows must equal the CSV file's rows, cell by cell
(numbers compared as numbers). Prints a JSON summary: sheet names and data rows per table.
"""

import csv
import json
import os
import sys

import openpyxl

TABLES = ["patients", "conditions", "treatments", "events", "vitals"]


def same(csv_field, cell):
    if cell is None:
        return csv_field == ""
    if isinstance(cell, bool):
        return False
    if isinstance(cell, (int, float)):
        try:
            return float(csv_field) == float(cell)
        except ValueError:
            return False
    return csv_field == cell


def main():
    book_path, csv_dir, max_rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
    wb = openpyxl.load_workbook(book_path, read_only=True)
    names = wb.sheetnames
    summary = {"sheets": names, "rows": {}}
    for table in TABLES:
        with open(os.path.join(csv_dir, table + ".csv"), newline="", encoding="utf-8") as f:
            expected = list(csv.reader(f))
        header, rows = expected[0], expected[1:]
        parts = [table] + [f"{table} ({i})" for i in range(2, len(names) + 2)]
        parts = [p for p in parts if p in names]
        got = []
        for p in parts:
            sheet_rows = list(wb[p].iter_rows(values_only=True))
            if not sheet_rows or list(sheet_rows[0]) != header:
                sys.exit(f"{p}: header {sheet_rows[:1]} differs from the CSV header")
            if len(sheet_rows) - 1 > max_rows:
                sys.exit(f"{p}: {len(sheet_rows) - 1} data rows, more than {max_rows}")
            got.extend(sheet_rows[1:])
        if len(got) != len(rows):
            sys.exit(f"{table}: {len(got)} rows in the workbook, {len(rows)} in the CSV")
        for n, (want, have) in enumerate(zip(rows, got)):
            have = list(have) + [None] * (len(want) - len(have))
            for c, (w, h) in enumerate(zip(want, have)):
                if not same(w, h):
                    sys.exit(f"{table} row {n + 1} column {header[c]}: CSV {w!r}, workbook {h!r}")
        summary["rows"][table] = len(rows)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
