"""Compares two sets of incidents (JSON Lines files or folders of part files): same incidents,
same ids, same field values. Exits 1 with the differences otherwise."""

import glob
import json
import os
import sys


def load(path):
    files = sorted(glob.glob(os.path.join(path, "part-*"))) if os.path.isdir(path) else [path]
    out = {}
    for name in files:
        with open(name, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    inc = json.loads(line)
                    if inc["id"] in out:
                        sys.exit(f"{path}: incident {inc['id']} twice")
                    out[inc["id"]] = inc
    return out


def main():
    single, spark = load(sys.argv[1]), load(sys.argv[2])
    only_single = sorted(set(single) - set(spark))
    only_spark = sorted(set(spark) - set(single))
    differ = sorted(i for i in set(single) & set(spark) if single[i] != spark[i])
    if not (only_single or only_spark or differ):
        print(f"equal: {len(single)} incidents, same ids and field values")
        return
    for i in only_single:
        print("only in the single-machine run:", json.dumps({k: single[i][k] for k in ("id", "type", "date_start", "country", "place")}))
    for i in only_spark:
        print("only in the Spark run:", json.dumps({k: spark[i][k] for k in ("id", "type", "date_start", "country", "place")}))
    for i in differ:
        fields = sorted(k for k in set(single[i]) | set(spark[i]) if single[i].get(k) != spark[i].get(k))
        print(f"{i} differs in {', '.join(fields)}")
    sys.exit(1)


if __name__ == "__main__":
    main()
