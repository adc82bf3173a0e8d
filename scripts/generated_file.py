"""Writing a generated Swift file, or checking that it is up to date (`--check`), for the generator scripts."""
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write_or_check(out_rel, text, script):
    """Writes `text` to `out_rel` (relative to the repository); with `--check` on the command line, exits with a
    message naming `script` when the file differs from `text` instead."""
    out = os.path.join(REPO, out_rel)
    if "--check" in sys.argv:
        current = open(out, encoding="utf-8").read() if os.path.exists(out) else ""
        if current != text:
            sys.exit(f"{out_rel} is stale: run python3 scripts/{script}")
        return
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {out_rel}: {len(text.splitlines())} lines")
