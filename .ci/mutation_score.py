"""Per-module mutation score of a mutmut run.

    python .ci/mutation_score.py STAGE_DIR [--survivors] [--base EARLIER_STAGE_DIR]

With --base, a mutant this run did not run (a run of named mutants only, such as the
survivors of an earlier run) counts with its result in the earlier run.
"""

import json
import sys
from pathlib import Path

# mutmut's exit codes: 1 (or 3) killed, 0 survived, None not run, 33 no test, 24/36/152/-24 timeout
KILLED, SURVIVED = {1, 3, -11, -9}, {0}
TIMEOUT = {24, 36, 152, -24}


def results(meta: Path, base: str | None) -> dict:
    codes = json.loads(meta.read_text())["exit_code_by_key"]
    mutants = next(p for p in meta.parents if p.name == "mutants")
    earlier = Path(base, "mutants", meta.relative_to(mutants)) if base else None
    if earlier and earlier.exists():
        before = json.loads(earlier.read_text())["exit_code_by_key"]
        codes = {k: before.get(k) if c is None else c for k, c in codes.items()}
    return codes


def main(stage: str, survivors: bool = False, base: str | None = None) -> None:
    print("| module | killed | survived | timeout | no test | total | score |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for meta in sorted(Path(stage, "mutants").rglob("*.py.meta")):
        codes = results(meta, base)
        killed = sum(c in KILLED for c in codes.values())
        survived = sum(c in SURVIVED for c in codes.values())
        timeout = sum(c in TIMEOUT for c in codes.values())
        untested = sum(c == 33 for c in codes.values())
        total = len(codes)
        module = str(meta.relative_to(Path(stage, "mutants")))[: -len(".meta")]
        print(f"| {module} | {killed} | {survived} | {timeout} | {untested} | {total} | "
              f"{(killed + timeout) / total:.0%} |")
        if survivors:
            print("\n".join(f"    {k}" for k, c in codes.items() if c in SURVIVED or c == 33), file=sys.stderr)


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], "--survivors" in args, args[args.index("--base") + 1] if "--base" in args else None)
