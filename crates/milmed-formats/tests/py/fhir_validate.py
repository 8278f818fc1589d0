"""Validates milmed FHIR output with an independent FHIR R4 (4.0.1) model.

Usage: fhir_validate.py FILE [--array] [--self-test]

FILE is patients.fhir.ndjson (one Bundle a line) or, with --array, patients.fhir.json (a JSON
array of Bundles). Every Bundle is parsed with the SMART on FHIR `fhirclient` models in strict
mode, which reject unknown elements, wrong JSON types, malformed primitives (dates, instants)
and missing required elements. The script also checks the codes of the required value-set
bindings the models leave open. It prints a JSON summary; any problem exits non-zero.

--self-test first proves the validator is not a rubber stamp: broken copies of the first
Bundle must all be rejected.
"""

import copy
import json
import multiprocessing
import sys

from fhirclient.models.bundle import Bundle
from fhirclient.models.fhirabstractbase import FHIRValidationError

REQUIRED_CODES = {
    ("Bundle", "type"): {"collection", "transaction"},
    ("Patient", "gender"): {"male", "female", "other", "unknown"},
    ("Encounter", "status"): {"planned", "arrived", "triaged", "in-progress", "onleave",
                              "finished", "cancelled", "entered-in-error", "unknown"},
    ("Observation", "status"): {"registered", "preliminary", "final", "amended"},
    ("Procedure", "status"): {"preparation", "in-progress", "not-done", "on-hold", "stopped",
                              "completed", "entered-in-error", "unknown"},
}
CLINICAL = {"active", "recurrence", "relapse", "inactive", "remission", "resolved"}
VERIFICATION = {"unconfirmed", "provisional", "differential", "confirmed", "refuted",
                "entered-in-error"}
LOCATION_STATUS = {"planned", "active", "reserved", "completed"}
IDENTIFIER_USE = {"usual", "official", "temp", "secondary", "old"}
NAME_USE = {"usual", "official", "temp", "nickname", "anonymous", "old", "maiden"}
METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"}


class Invalid(Exception):
    """A bundle that is not valid FHIR R4 (or breaks a required binding)."""


def fail(msg):
    raise Invalid(msg)


def check_codes(bundle, where):
    if bundle.get("type") not in REQUIRED_CODES[("Bundle", "type")]:
        fail(f"{where}: Bundle.type {bundle.get('type')!r}")
    for i, entry in enumerate(bundle.get("entry", [])):
        r = entry["resource"]
        rt = r["resourceType"]
        at = f"{where} entry {i} ({rt})"
        for (t, field), allowed in REQUIRED_CODES.items():
            if t == rt and field in r and r[field] not in allowed:
                fail(f"{at}: {field} {r[field]!r} not in the required value set")
        if rt == "Condition":
            if r["clinicalStatus"]["coding"][0]["code"] not in CLINICAL:
                fail(f"{at}: clinicalStatus")
            if r["verificationStatus"]["coding"][0]["code"] not in VERIFICATION:
                fail(f"{at}: verificationStatus")
        if rt == "Encounter":
            for loc in r.get("location", []):
                if loc.get("status") not in LOCATION_STATUS:
                    fail(f"{at}: location.status")
        if rt == "Patient":
            for ident in r.get("identifier", []):
                if ident.get("use") not in IDENTIFIER_USE:
                    fail(f"{at}: identifier.use")
            for name in r.get("name", []):
                if name.get("use") not in NAME_USE:
                    fail(f"{at}: name.use")
        if "request" in entry and entry["request"].get("method") not in METHODS:
            fail(f"{at}: request.method")


def validate(bundle, where):
    try:
        Bundle(bundle, strict=True)
    except FHIRValidationError as e:
        fail(f"{where}: rejected by the FHIR R4 model:\n{e}")
    check_codes(bundle, where)


def self_test(bundle):
    def mutations():
        b = copy.deepcopy(bundle)
        b["entry"][0]["resource"]["nickname"] = "Doc"
        yield "an unknown Patient element", b
        b = copy.deepcopy(bundle)
        b["entry"][0]["resource"]["birthDate"] = "1999-13-45"
        yield "an impossible birthDate", b
        b = copy.deepcopy(bundle)
        b["entry"][1]["resource"]["period"] = "yesterday"
        yield "a string as Encounter.period", b
        b = copy.deepcopy(bundle)
        del b["entry"][1]["resource"]["status"]
        yield "an Encounter without status", b
        b = copy.deepcopy(bundle)
        b["entry"][0]["resource"]["resourceType"] = "Soldier"
        yield "an unknown resource type", b
        b = copy.deepcopy(bundle)
        b["entry"][0]["resource"]["gender"] = "robot"
        yield "a gender outside the value set", b
    for what, broken in mutations():
        try:
            Bundle(broken, strict=True)
            check_codes(broken, "self-test")
        except (FHIRValidationError, Invalid):
            continue
        fail(f"self-test: the validator accepted {what}")


def validate_lines(job):
    """Validates a batch of (index, JSON text) pairs; returns resource counts."""
    counts = {}
    for i, text in job:
        b = json.loads(text)
        validate(b, f"bundle {i}")
        for e in b.get("entry", []):
            rt = e["resource"]["resourceType"]
            counts[rt] = counts.get(rt, 0) + 1
    return len(job), counts


def batches(bundles, size=250):
    batch = []
    for i, b in enumerate(bundles):
        batch.append((i, b))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def main():
    args = sys.argv[1:]
    path = next(a for a in args if not a.startswith("--"))
    with open(path, encoding="utf-8") as f:
        if "--array" in args:
            texts = [json.dumps(b) for b in json.load(f)]
        else:
            texts = [line for line in f if line.strip()]
    if "--self-test" in args and texts:
        self_test(json.loads(texts[0]))
    count = 0
    resources = {}
    # The models are pure Python: spread the bundles over the cores.
    with multiprocessing.Pool() as pool:
        for n, counts in pool.imap(validate_lines, batches(texts)):
            count += n
            for k, v in counts.items():
                resources[k] = resources.get(k, 0) + v
    print(json.dumps({"bundles": count, "resources": dict(sorted(resources.items()))}))


if __name__ == "__main__":
    try:
        main()
    except Invalid as e:
        sys.stderr.write(f"{e}\n")
        sys.exit(1)
