"""Reads milmed JSON, NDJSON and CSV output with Python's own json and csv modules.

Usage: csv_json_read.py DIR

Prints a JSON object: for each source (json, ndjson, csv) the list of
[id, given_name, family_name, unit] of every patient, plus the row count of every CSV table.
"""

import csv
import json
import os
import sys


def main():
    d = sys.argv[1]
    out = {}
    with open(os.path.join(d, "patients.json"), encoding="utf-8") as f:
        doc = json.load(f)
    out["json"] = [[p["id"], p["demographics"]["given_name"], p["demographics"]["family_name"],
                    p["demographics"]["unit"]] for p in doc["patients"]]
    out["json_metadata_seed"] = doc["metadata"]["seed"]
    rows = []
    with open(os.path.join(d, "patients.ndjson"), encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            rows.append([p["id"], p["demographics"]["given_name"],
                         p["demographics"]["family_name"], p["demographics"]["unit"]])
    out["ndjson"] = rows
    with open(os.path.join(d, "patients.csv"), newline="", encoding="utf-8") as f:
        out["csv"] = [[int(r["patient_id"]), r["given_name"], r["family_name"], r["unit"]]
                      for r in csv.DictReader(f)]
    out["csv_rows"] = {}
    for t in ["patients", "conditions", "treatments", "events", "vitals"]:
        with open(os.path.join(d, t + ".csv"), newline="", encoding="utf-8") as f:
            out["csv_rows"][t] = sum(1 for _ in csv.DictReader(f))
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
